/** A policy rule: written once, run by every adapter over a planned run. */
import type { z } from "zod";
import type { Plan, PlannedResource } from "./plan";

export const LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type Level = (typeof LEVELS)[number];

export interface Violation {
  resource: PlannedResource;
  /** The model field at fault, dotted. */
  field?: string;
  message: string;
}

/** New values for fields of a resource that make it comply. */
export type Remediation = Record<string, unknown>;

export interface Rule<Config = unknown> {
  id: string;
  title: string;
  description: string;
  defaultLevel: "advisory" | "mandatory";
  /** The rule's settings; every key has a default, so an empty object configures it. */
  config: z.ZodType<Config>;
  check(plan: Plan, config: Config): Violation[];
  /** The fix for a violation, where a safe one exists. */
  remediate?(violation: Violation, config: Config): Remediation | undefined;
  /** For the docs: a declaration the rule stops, and what the rule says about it. */
  example: { stops: string; says: string };
}

export const defineRule = <Config>(rule: Rule<Config>): Rule<Config> => rule;
