/**
 * What the generated Pulumi schema and the reference docs both read off a field: its value type in
 * a few shapes every schema language has, its documented description, and its state keys.
 */
import { z } from "zod";
import { type FieldSpec, type Fields, hashKey } from "../../provider/model/resources";

/** A field's value, reduced to what a Pulumi or Terraform schema can express. */
export type ValueType =
  | { kind: "string" | "boolean" | "integer" | "number" | "any"; enumValues?: readonly string[]; enumId?: string }
  | { kind: "array"; items: ValueType }
  | { kind: "map"; values: ValueType; keys?: readonly string[] }
  | { kind: "object" };

export interface TypedValue {
  type: ValueType;
  /** The API may answer null (`verifiedAt` before verification). */
  nullable: boolean;
}

type JsonSchema = Record<string, unknown>;

/** Above this many values an enum is named by its schema instead of listed (currencies, countries). */
const MAX_LISTED_ENUM_VALUES = 20;

export function valueTypeOf(spec: FieldSpec): TypedValue {
  if (spec.fields) return { type: { kind: "object" }, nullable: false };
  const json = z.toJSONSchema(spec.type, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return fromJsonSchema(json, (json.$defs ?? {}) as Record<string, JsonSchema>);
}

function fromJsonSchema(node: JsonSchema, defs: Record<string, JsonSchema>): TypedValue {
  if (typeof node.$ref === "string") {
    const id = node.$ref.replace("#/$defs/", "");
    const resolved = fromJsonSchema(defs[id] ?? {}, defs);
    if (resolved.type.kind === "string" && resolved.type.enumValues) resolved.type = { ...resolved.type, enumId: id };
    return resolved;
  }
  const alternatives = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  if (alternatives) {
    const nonNull = alternatives.filter((alternative) => alternative.type !== "null");
    const only = nonNull.length === 1 ? fromJsonSchema(nonNull[0]!, defs) : { type: { kind: "any" } as ValueType, nullable: false };
    return { type: only.type, nullable: only.nullable || nonNull.length < alternatives.length };
  }
  const types = ([] as unknown[]).concat(node.type ?? []).filter((type) => type !== "null") as string[];
  const nullable = Array.isArray(node.type) && node.type.includes("null");
  const enumValues = Array.isArray(node.enum) ? node.enum.filter((value) => value !== null).map(String) : undefined;
  if (enumValues) return { type: { kind: "string", enumValues }, nullable };
  if (node.const !== undefined) return { type: { kind: "string", enumValues: [String(node.const)] }, nullable };
  if (types.length !== 1) return { type: { kind: "any" }, nullable };
  const [type] = types;
  switch (type) {
    case "string":
    case "boolean":
    case "integer":
    case "number":
      return { type: { kind: type }, nullable };
    case "array":
      return { type: { kind: "array", items: fromJsonSchema((node.items ?? {}) as JsonSchema, defs).type }, nullable };
    case "object": {
      const values = fromJsonSchema((node.additionalProperties ?? {}) as JsonSchema, defs).type;
      const keys = ((node.propertyNames ?? {}) as JsonSchema).enum as string[] | undefined;
      return { type: keys ? { kind: "map", values, keys } : { kind: "map", values }, nullable };
    }
    default:
      return { type: { kind: "any" }, nullable };
  }
}

const codeList = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(", ");

const mentionsAll = (description: string, values: readonly string[]) => values.every((value) => description.includes(`\`${value}\``));

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
export const holdsSecret = (spec: FieldSpec) => Boolean(spec.secret || Object.values(spec.fields ?? {}).some((member) => member.secret));

/** The fields a program declares: every non-computed, non-context field. */
export const inputFields = (fields: Fields) => Object.entries(fields).filter(([, spec]) => spec.role !== "computed" && !spec.context);

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
    .map(([name, spec]) => ({ key: spec.writeOnly ? hashKey(name, spec) : name, name, spec, hashed: Boolean(spec.writeOnly) }));

/** State differs from declaration for an object whose members include a write-only one. */
export const stateShapeDiffers = (fields: Fields) => Object.values(fields).some((member) => member.writeOnly || member.context);

export const pascalCase = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** `verificationTimeoutSeconds` → `verification_timeout_seconds`, `line1` → `line1`. */
export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The description of a write-only field's state key. */
export const hashDescription = (name: string) =>
  `SHA-256 (hex) of the declared \`${name}\`: the value itself is write-only, so state keeps only its hash to detect a change.`;
