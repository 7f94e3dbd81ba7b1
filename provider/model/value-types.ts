/**
 * A field's value type reduced to the few shapes every schema language has (scalars, lists, maps,
 * objects, anything): Terraform's cty types, the Pulumi schema and the reference docs all derive
 * from it.
 */
import { z } from "zod";
import type { FieldSpec } from "./resources";

/** A field's value, reduced to what a Pulumi or Terraform schema can express. */
export type ValueType =
  | { kind: "string" | "boolean" | "integer" | "number" | "any"; enumValues?: readonly string[]; enumId?: string }
  | { kind: "array"; items: ValueType }
  | { kind: "map"; values: ValueType; keys?: readonly string[] }
  /** An object-valued field (its members are fields), or an API object with these properties. */
  | { kind: "object"; properties?: Record<string, ValueType> };

export interface TypedValue {
  type: ValueType;
  /** The API may answer null (`verifiedAt` before verification). */
  nullable: boolean;
}

type JsonSchema = Record<string, unknown>;

export function valueTypeOf(spec: FieldSpec): TypedValue {
  return spec.fields ? { type: { kind: "object" }, nullable: false } : schemaValueType(spec.type);
}

/** The value type of what a zod schema accepts. */
export function schemaValueType(schema: z.ZodType): TypedValue {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
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
    const only =
      nonNull.length === 1
        ? fromJsonSchema(nonNull[0]!, defs)
        : { type: { kind: "any" } as ValueType, nullable: false };
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
      if (node.properties) {
        const properties = Object.entries(node.properties as Record<string, JsonSchema>).map(([key, member]) => [
          key,
          fromJsonSchema(member, defs).type,
        ]);
        return { type: { kind: "object", properties: Object.fromEntries(properties) }, nullable };
      }
      const values = fromJsonSchema((node.additionalProperties ?? {}) as JsonSchema, defs).type;
      const keys = ((node.propertyNames ?? {}) as JsonSchema).enum as string[] | undefined;
      return { type: keys ? { kind: "map", values, keys } : { kind: "map", values }, nullable };
    }
    default:
      return { type: { kind: "any" }, nullable };
  }
}
