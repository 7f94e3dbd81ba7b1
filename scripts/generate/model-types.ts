/**
 * What the generated Pulumi schema and the reference docs both read off a field: its value type in
 * a few shapes every schema language has, its documented description, and its state keys.
 */
import { type FieldSpec, type Fields, hashKey } from "../../provider/model/resources";
import { valueTypeOf } from "../../provider/model/value-types";

/** Above this many values an enum is named by its schema instead of listed (currencies, countries). */
const MAX_LISTED_ENUM_VALUES = 20;

const codeList = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(", ");

const mentionsAll = (description: string, values: readonly string[]) =>
  values.every((value) => description.includes(`\`${value}\``));

/** The field's description, plus the allowed values of an enum (or a map's keys) when it does not name them itself. */
export function describe(spec: FieldSpec): string {
  const { type } = valueTypeOf(spec);
  const notes: string[] = [];
  if (type.kind === "string" && type.enumValues && !mentionsAll(spec.description, type.enumValues)) {
    notes.push(
      type.enumValues.length > MAX_LISTED_ENUM_VALUES && type.enumId
        ? `One of the values of the \`${type.enumId}\` schema in openapi.json.`
        : `Allowed values: ${codeList(type.enumValues)}.`,
    );
  }
  if (type.kind === "map" && type.keys && !mentionsAll(spec.description, type.keys)) {
    notes.push(`Allowed keys: ${codeList(type.keys)}.`);
  }
  return [spec.description, ...notes].join(" ");
}

/** Declared or computed, the field's value holds a secret somewhere (itself or a member). */
export const holdsSecret = (spec: FieldSpec) =>
  Boolean(spec.secret || Object.values(spec.fields ?? {}).some((member) => member.secret));

/**
 * The fields a program declares: every non-computed one. Context fields are inputs too: the native
 * provider sees one resource at a time, so the program passes what another resource knows, as in Terraform.
 */
export const inputFields = (fields: Fields) => Object.entries(fields).filter(([, spec]) => spec.role !== "computed");

/** A key of the state, and the field it comes from: write-only fields appear by their hash. */
export interface StateKey {
  key: string;
  name: string;
  spec: FieldSpec;
  hashed: boolean;
}

/** The keys of a kind's (or an object field's) state, in declaration order: every field but context ones. */
export const stateKeys = (fields: Fields): StateKey[] =>
  Object.entries(fields)
    .filter(([, spec]) => !spec.context)
    .map(([name, spec]) => ({
      key: spec.writeOnly ? hashKey(name, spec) : name,
      name,
      spec,
      hashed: Boolean(spec.writeOnly),
    }));

/** State differs from declaration for an object whose members include a write-only one. */
export const stateShapeDiffers = (fields: Fields) =>
  Object.values(fields).some((member) => member.writeOnly || member.context);

export const pascalCase = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The description of a write-only field's state key. */
export const hashDescription = (name: string) =>
  `SHA-256 (hex) of the declared \`${name}\`: the value itself is write-only, so state keeps only its hash to detect a change.`;
