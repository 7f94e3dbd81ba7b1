import { z } from "zod";
import { Slug } from "../api/common";
import type { FieldSpec, Fields } from "./field";

/** A problem with a declaration: the field it concerns (dotted, in declaration names) and why. */
export interface Issue {
  field: string;
  reason: string;
}

/** What a cross-field rule may know besides the declaration itself. */
export interface RuleContext {
  /** The object does not exist yet: this declaration will create it. */
  creating: boolean;
  /** A value the front end cannot know before apply: present, but not to be judged. */
  isUnknown: (value: unknown) => boolean;
  /** The existing object's last known state, where the front end has it at this point (a Terraform plan). */
  state?: Record<string, unknown>;
}

export interface KindSpec<Name extends string = string, F extends Fields = Fields> {
  /** The class name in Pulumi and the suffix of every type token. */
  name: Name;
  /** The Terraform resource type. */
  terraformType: string;
  description: string;
  /** The documented forms of an import id. */
  importId: string;
  /** The field whose value an import id puts before the object's id (`ORG-…/DOM-…`), when the id alone does not name it. */
  importIdPrefix?: string;
  /** The fields an object's id is made of, joined by `/`, when the platform gives it no id of its own. */
  idFields?: readonly string[];
  fields: F;
  /** Its name stays taken while the object exists: a replacement deletes the old object before creating the new one. */
  deleteBeforeReplace?: boolean;
  /** Rules across fields, run after each field has passed its own type. */
  rules?: (declared: Record<string, unknown>, context: RuleContext) => Issue[];
}

/** The id of an object whose kind composes it (`idFields`) from its values. */
export const compositeId = (kind: KindSpec, values: Record<string, unknown>) =>
  (kind.idFields ?? []).map((name) => String(values[name])).join("/");

/** The import id of the object with `id` and `state` (see `importIdPrefix`). */
export const importIdOf = (kind: KindSpec, id: string, state: Record<string, unknown>) =>
  kind.importIdPrefix ? `${String(state[kind.importIdPrefix])}/${id}` : id;

/** The values an id carries: those of the kind's `idFields`. */
export function idValues(kind: KindSpec, id: string): Record<string, string> {
  const parts = id.split("/");
  return Object.fromEntries((kind.idFields ?? []).map((name, index) => [name, parts[index] ?? ""]));
}

/** Declares a kind, keeping each field's literal flags and zod type so front ends can derive their types. */
export const defineKind = <const Name extends string, const F extends Fields>(
  spec: KindSpec<Name, F>,
): KindSpec<Name, F> => spec;

export const DELETION_POLICIES = ["delete", "retain"] as const;
export type DeletionPolicy = (typeof DELETION_POLICIES)[number];

/** The fields every kind has: what destroy does, and whether an existing object may be taken over. */
export function lifecycleFields(destroyVerb: string, adoptKey: string) {
  return {
    deletionPolicy: {
      type: z.enum(DELETION_POLICIES, { error: `must be one of ${DELETION_POLICIES.join(", ")}` }),
      role: "optional" as const,
      default: "delete",
      description: `\`delete\` ${destroyVerb} when the resource is destroyed; \`retain\` leaves it on the platform and only forgets it.`,
    },
    adoptExisting: {
      type: z.boolean(),
      role: "optional" as const,
      default: false,
      description:
        `Take over an existing object with the same ${adoptKey} instead of failing on the conflict. ` +
        "Off by default, so an object is never managed without being asked.",
    },
  };
}

export const createdAt = {
  type: z.string(),
  role: "computed",
  changedBy: [],
  api: "created_at",
  description: "When the object was created (RFC 3339).",
} as const satisfies FieldSpec;

/** The required, immutable reference to the object this one lives in: another parent means another object. */
export const parentField = <T extends z.ZodType>(type: T, description: string, api?: string) => ({
  type,
  role: "required" as const,
  immutable: true,
  description,
  ...(api === undefined ? {} : { api }),
});

/** A required, immutable URL name. */
export const slugField = (description: string) => ({
  type: Slug,
  role: "required" as const,
  api: "slug",
  immutable: true,
  description,
});
