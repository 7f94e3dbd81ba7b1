/**
 * The vocabulary every resource kind is declared in: a field's type (zod), where it lives in the
 * API object, and the flags that decide validation, diffs, secrecy and schemas in every front end.
 */
import { z } from "zod";

/** How a field takes part in the declaration. */
export type FieldRole =
  /** Must be declared. */
  | "required"
  /** May be declared; when absent it takes `default`, or, without one, the platform's value is left alone. */
  | "optional"
  /** Set by the platform or the engine; never declared. */
  | "computed";

export interface FieldSpec<T extends z.ZodType = z.ZodType, R extends FieldRole = FieldRole> {
  /** The value's type: validates declarations, and types outputs of computed fields. For objects, built from `fields`. */
  type: T;
  role: R;
  description: string;
  /**
   * Dotted path of the field in the API object (`settings.enforce_sso`). Absent for fields that
   * only steer the engine (`deletionPolicy`) or that the engine fills itself.
   */
  api?: string;
  /** What an absent optional field means; the engine sends and compares this value. */
  default?: unknown;
  /** A change forces a replacement: the API cannot change it in place. */
  immutable?: boolean;
  /** Only sent when the object is created; later differences are not the declaration's business (the platform moves it). */
  createOnly?: boolean;
  /**
   * Where the field travels, when not in both the create's body and (unless immutable or create-only)
   * the update's: `updateOnly`, the create cannot take it yet (SSO needs a verified domain), so an update
   * sets it once the object exists; `path`, the object's path names it; `ownOperation`, an operation of
   * its own sends it (a billing address).
   */
  sentIn?: "updateOnly" | "path" | "ownOperation";
  /** Held only as a secret: a Pulumi secret, a sensitive Terraform attribute, redacted from logs. */
  secret?: boolean;
  /**
   * The API accepts the value but never returns it. State keeps a hash of it, so a changed
   * declaration is detected. `hashFromApi` names the API field returning the value's SHA-256, when
   * the platform publishes one (a certificate's fingerprint): state keeps that SHA-256, under
   * `<name>Sha256`, so changes made outside are detected too. Otherwise state keeps a salted, slow
   * hash under `<name>Hash` (see ./secret-hash): nobody who reads state can test guesses offline.
   */
  writeOnly?: { hashFromApi?: string };
  /**
   * Only read to validate the declaration (a value another resource knows, such as a member's
   * organization role); never sent, never a reason for an update.
   */
  context?: boolean;
  /**
   * For a computed value, which updates can change it, so that a plan keeps it known otherwise.
   * Absent: any update that reaches the API. `[]`: none (a creation time, an id assigned at creation,
   * a value only the platform moves). Otherwise the update work that can: declared fields, or work
   * an update does besides them (`invitation`: an expired invitation sent again).
   */
  changedBy?: readonly string[];
  /** The fields of an object-valued field. */
  fields?: Fields;
}

export type Fields = Record<string, FieldSpec>;

/** State key holding the hash of a write-only field. */
export const hashKey = (name: string, spec: FieldSpec) => `${name}${spec.writeOnly?.hashFromApi ? "Sha256" : "Hash"}`;

/** A write-only field whose hash in state is salted (no hash of it comes from the API). */
export const hasSaltedHash = (spec: FieldSpec) => Boolean(spec.writeOnly && !spec.writeOnly.hashFromApi);

/** Fields the engine converges the platform to. */
export const isManaged = (spec: FieldSpec) => spec.role !== "computed" && !spec.context;

export const isDeclarable = (spec: FieldSpec) => spec.role !== "computed";

/** The field is a secret, or an object with a secret member. */
export const holdsSecret = (spec: FieldSpec): boolean =>
  Boolean(spec.secret) || Object.values(spec.fields ?? {}).some(holdsSecret);

/** An object-valued field whose members are fields themselves (a SAML block, an address). */
export function objectField<const F extends Fields, const R extends FieldRole>(
  fields: F,
  spec: Omit<FieldSpec<z.ZodType, R>, "type" | "fields">,
): FieldSpec<z.ZodType<ObjectOf<F>>, R> & { fields: F } {
  const shape = Object.fromEntries(
    Object.entries(fields).map(([name, member]) => [
      name,
      member.role === "required" ? member.type : member.type.optional(),
    ]),
  );
  return { ...spec, type: z.strictObject(shape) as unknown as z.ZodType<ObjectOf<F>>, fields };
}

/** The declared value of an object made of `F`'s fields. */
export type ObjectOf<F extends Fields> = {
  [N in keyof F as F[N]["role"] extends "required" ? N : never]: z.output<F[N]["type"]>;
} & {
  [N in keyof F as F[N]["role"] extends "required" ? never : N]?: z.output<F[N]["type"]>;
};
