/**
 * What both Pulumi front ends (the dynamic resources and the native provider) answer to Check and
 * Diff, from the model and the engine; each only translates the calls of its own host.
 */
import { checkDeclaration, type Engine, planDeclaration } from "../engine";
import {
  type Diff,
  type Fields,
  hashKey,
  holdsSecret,
  type Issue,
  KINDS,
  type KindName,
  stableOutputs,
  type Values,
} from "../model/resources";

/** The value Pulumi passes for an input not known until apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const isUnknown = (value: unknown) => value === UNKNOWN;

export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * A check failure as Pulumi shows it. The CLI prints the value of the property a failure names, in
 * plaintext even when it is a secret, so a failure inside a secret field names no property and
 * tells the field in its reason instead.
 */
function failure(kind: KindName, issue: Issue): CheckFailure {
  const fields: Fields = KINDS[kind].fields;
  const spec = fields[issue.field.split(".")[0]!];
  return spec && holdsSecret(spec)
    ? { property: "", reason: `${issue.field} ${issue.reason}` }
    : { property: issue.field, reason: issue.reason };
}

/** The model's validation of a declaration: its normalised inputs, and a failure per issue. */
export function checkInputs(kind: KindName, declared: Values, creating: boolean) {
  const result = checkDeclaration(kind, declared, { creating, isUnknown });
  return { inputs: result.declared, failures: result.issues.map((issue) => failure(kind, issue)) };
}

export type DiffKind = "add" | "delete" | "update";

export interface PropertyChange {
  kind: DiffKind;
  replace: boolean;
  inputDiff: boolean;
}

export interface DiffAnswer {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Outputs the update leaves as they are. */
  stables: string[];
  /** Each changed property: how it changes, whether it forces a replacement, whether it is an input. */
  detailedDiff: Record<string, PropertyChange>;
  /** The update's work as the engine names it (see `planDeclaration`). */
  work: Diff;
}

/**
 * How each property changes: declared fields as inputs; work no field shows (an expired invitation
 * to resend) by the outputs it changes, or by its own name when it changes none that says so.
 */
function detailedDiff(fields: Fields, olds: Values, news: Values, change: Diff): Record<string, PropertyChange> {
  const detail: Record<string, PropertyChange> = {};
  for (const name of change.changed) {
    const replace = change.replaces.includes(name);
    const spec = fields[name];
    if (spec) {
      // State holds a write-only value by its hash.
      const kind =
        olds[spec.writeOnly ? hashKey(name, spec) : name] === undefined
          ? "add"
          : news[name] === undefined
            ? "delete"
            : "update";
      detail[name] = { kind, replace, inputDiff: true };
      continue;
    }
    const outputs = Object.entries(fields)
      .filter(([, spec]) => spec.changedBy?.includes(name))
      .map(([output]) => output);
    for (const output of outputs.length ? outputs : [name])
      detail[output] = { kind: "update", replace, inputDiff: false };
  }
  return detail;
}

/** What applying the checked inputs `news` to the object `id` with state `olds` changes, all from the model. */
export async function diffInputs(
  kind: KindName,
  id: string,
  olds: Values,
  news: Values,
  engine: () => Engine,
): Promise<DiffAnswer> {
  const fields: Fields = KINDS[kind].fields;
  const work = await planDeclaration(kind, id, olds, news, engine, isUnknown);
  return {
    changes: work.changed.length > 0,
    replaces: work.replaces,
    deleteBeforeReplace: work.replaces.length > 0 && Boolean(KINDS[kind].deleteBeforeReplace),
    stables: stableOutputs(fields, work.changed),
    detailedDiff: detailedDiff(fields, olds, news, work),
    work,
  };
}
