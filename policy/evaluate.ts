/** Runs the configured rules over a plan. */
import type { Plan } from "./plan";
import type { Level, Remediation, Rule, Violation } from "./rule";
import type { RuleSettings } from "./config";

export interface Finding extends Violation {
  rule: Rule<object>;
  level: Exclude<Level, "disabled">;
  /** The values that would make the resource comply, when the rule has a safe fix. */
  remediation?: Remediation;
}

export function evaluate(plan: Plan, settings: RuleSettings[]): Finding[] {
  return settings
    .filter((setting): setting is RuleSettings & { level: Finding["level"] } => setting.level !== "disabled")
    .flatMap(({ rule, level, config }) =>
      rule.check(plan, config).map((violation) => {
        const remediation = rule.remediate?.(violation, config);
        return { ...violation, rule, level, ...(remediation ? { remediation } : {}) };
      }),
    );
}

/** Findings that stop the run: mandatory ones, and remediable ones the adapter could not fix. */
export const blocking = (findings: Finding[]) =>
  findings.filter((finding) => finding.level === "mandatory" || finding.level === "remediate");
