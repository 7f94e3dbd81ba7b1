import { z } from "zod";

export const FaultRuleInput = z.strictObject({
  kind: z.enum(["error", "latency", "drop"]),
  status: z
    .union([
      z.literal(409),
      z.literal(422),
      z.literal(429),
      z.literal(500),
      z.literal(502),
      z.literal(503),
      z.literal(504),
    ])
    .optional()
    .describe(
      "409 and 422 refuse the request as the platform would refuse it for a business rule; no client retries them.",
    ),
  retry_after: z.int().min(0).max(3600).optional().describe("Seconds, sent as Retry-After with a 429 or 503."),
  latency_ms: z.int().min(1).max(60_000).optional(),
  rate: z.number().min(0).max(1).optional().describe("Chance that a matching request is hit; 1 when absent."),
  count: z.int().min(1).optional().describe("Hit only the next N matching requests."),
  route: z
    .string()
    .regex(/^(?:(?:GET|POST|PUT|PATCH|DELETE) )?\/\S*$/)
    .optional()
    .describe("`POST /v1/orgs`, or a path template alone for every method; every API route when absent."),
  phase: z
    .enum(["before", "after"])
    .default("before")
    .describe(
      "`after` runs the request, commits it, then fails the response: the write happened but the caller cannot know.",
    ),
});
export type FaultRule = z.infer<typeof FaultRuleInput> & { id: number };

export type FaultAction =
  { kind: "error"; status: number; retryAfter?: number } | { kind: "latency"; ms: number } | { kind: "drop" };

const NO_ACTIONS: readonly FaultAction[] = Object.freeze([]);

/** Injected failures: which rules are armed, and which of them a given request trips. */
export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(input: z.infer<typeof FaultRuleInput>): FaultRule {
    const rule = { ...input, id: this.nextId++ };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * The actions due for a request in a phase, consuming counted rules. Latencies add up; the first
   * error or drop ends the request, so later rules are neither applied nor consumed.
   */
  trip(method: string, template: string, phase: "before" | "after"): readonly FaultAction[] {
    if (this.rules.length === 0) return NO_ACTIONS;
    const actions: FaultAction[] = [];
    for (const rule of [...this.rules]) {
      if (rule.phase !== phase || !matches(rule, method, template)) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (rule.count !== undefined && --rule.count === 0) this.rules = this.rules.filter((r) => r !== rule);
      const action = toAction(rule);
      actions.push(action);
      if (action.kind !== "latency") break;
    }
    return actions;
  }
}

function matches(rule: FaultRule, method: string, template: string): boolean {
  if (!rule.route) return true;
  const [first, second] = rule.route.split(" ");
  return second === undefined ? first === template : first === method && second === template;
}

function toAction(rule: FaultRule): FaultAction {
  switch (rule.kind) {
    case "latency":
      return { kind: "latency", ms: rule.latency_ms ?? 1000 };
    case "drop":
      return { kind: "drop" };
    case "error": {
      const status = rule.status ?? 503;
      const retryAfter = rule.retry_after ?? (status === 429 ? 1 : undefined);
      return retryAfter === undefined ? { kind: "error", status } : { kind: "error", status, retryAfter };
    }
  }
}

/** Requests served, per route template and method, with their statuses. */
export class Counters {
  private counts = new Map<string, { count: number; statuses: Record<string, number> }>();

  record(method: string, template: string, status: number): void {
    const key = `${method} ${template}`;
    let entry = this.counts.get(key);
    if (!entry) this.counts.set(key, (entry = { count: 0, statuses: {} }));
    entry.count += 1;
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
  }

  snapshot() {
    let total = 0;
    const routes: Record<string, { count: number; statuses: Record<string, number> }> = {};
    for (const [key, entry] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      routes[key] = { count: entry.count, statuses: { ...entry.statuses } };
      total += entry.count;
    }
    return { total, routes };
  }

  reset(): void {
    this.counts.clear();
  }
}
