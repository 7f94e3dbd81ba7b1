/**
 * Policy configuration, in the shape Pulumi's `--policy-pack-config` files have, so one file serves
 * every adapter: `{ "<rule id>": "<level>" | { "enforcementLevel": "<level>", ...settings }, "all": "<level>" }`.
 */
import { z } from "zod";
import { LEVELS, type Level, type Rule } from "./rule";
import { RULES } from "./rules";

export interface RuleSettings {
  rule: Rule<object>;
  level: Level;
  config: object;
}

export class PolicyConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid policy configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyConfigError";
  }
}

const ALL = "all";
const Level = z.enum(LEVELS);
const levelProblem = (where: string, value: unknown) =>
  `${where}: ${JSON.stringify(value)} is not a level (one of ${LEVELS.join(", ")})`;

const issuesOf = (error: z.ZodError, where: string) =>
  error.issues.map((issue) => `${[where, ...issue.path.map(String)].join(".")}: ${issue.message}`);

/** Each rule with its level and settings; throws a PolicyConfigError naming every problem. */
export function resolveConfig(raw: unknown = {}): RuleSettings[] {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new PolicyConfigError(["the configuration must be a JSON object keyed by rule id"]);
  const entries = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(entries)) {
    if (key !== ALL && !RULES.some((rule) => rule.id === key))
      problems.push(`unknown rule "${key}": the rules are ${RULES.map((r) => r.id).join(", ")}`);
  }
  let levelForAll: Level | undefined;
  if (entries[ALL] !== undefined) {
    const parsed = Level.safeParse(entries[ALL]);
    if (parsed.success) levelForAll = parsed.data;
    else problems.push(levelProblem(ALL, entries[ALL]));
  }
  const resolved = RULES.map((rule) => {
    const entry = entries[rule.id];
    const { enforcementLevel, ...settings } =
      typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : { enforcementLevel: entry };
    const level = enforcementLevel ?? levelForAll ?? rule.defaultLevel;
    if (!Level.safeParse(level).success) problems.push(levelProblem(rule.id, level));
    if (level === "remediate" && !rule.remediate)
      problems.push(`${rule.id}: has no remediation, so it cannot be at level remediate`);
    const config = rule.config.safeParse(settings);
    if (!config.success) problems.push(...issuesOf(config.error, rule.id));
    return { rule, level: level as Level, config: config.success ? config.data : {} };
  });
  if (problems.length) throw new PolicyConfigError(problems);
  return resolved;
}
