/**
 * Terraform's view of the model: each kind's attributes (names in snake_case, cty types, required /
 * optional / computed / sensitive / write-only), derived from the kind's fields, never written by hand.
 */
import type { z } from "zod";
import { snakeCase, terraformWords } from "../model/naming";
import { type FieldSpec, type Fields, hashKey, type KindSpec } from "../model/resources";
import { schemaValueType, type ValueType } from "../model/value-types";
import type { CtyType } from "./protocol/cty";

export interface Attribute {
  name: string;
  type: CtyType;
  /** The attributes of a single nested object. */
  nested?: Attribute[];
  description: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  writeOnly: boolean;
  /** The model field it carries; for a hash attribute, the state key of the hash. */
  field?: string;
  /** For a hash attribute: the attribute whose value it hashes. */
  hashOf?: string;
  spec?: FieldSpec;
}

/** The cty type a zod type's values have. */
export const ctyType = (schema: z.ZodType): CtyType => ctyOf(schemaValueType(schema).type);

function ctyOf(type: ValueType): CtyType {
  switch (type.kind) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "integer":
    case "number":
      return "number";
    case "array":
      return ["list", ctyOf(type.items)];
    case "map":
      return type.values.kind === "any" ? "dynamic" : ["map", ctyOf(type.values)];
    case "object":
      return type.properties
        ? ["object", Object.fromEntries(Object.entries(type.properties).map(([name, member]) => [name, ctyOf(member)]))]
        : "dynamic";
    default:
      return "dynamic";
  }
}

/**
 * Whether an optional field is also computed: one with a default takes it at plan time, and one the
 * platform fills when it is left out (a billing email) shows the platform's value.
 */
const isOptionalComputed = (spec: FieldSpec) =>
  !spec.writeOnly && !spec.context && (spec.default === undefined ? Boolean(spec.api) : spec.default !== null);

function fieldAttributes(name: string, spec: FieldSpec): Attribute[] {
  const nested = spec.fields ? attributesOf(spec.fields) : undefined;
  const attribute: Attribute = {
    name: snakeCase(name),
    type: nested ? objectType(nested) : ctyType(spec.type),
    ...(nested ? { nested } : {}),
    description: terraformWords(spec.description),
    required: spec.role === "required",
    optional: spec.role === "optional",
    computed: spec.role === "computed" || (spec.role === "optional" && isOptionalComputed(spec)),
    sensitive: Boolean(spec.secret),
    writeOnly: Boolean(spec.writeOnly),
    field: name,
    spec,
  };
  if (!spec.writeOnly) return [attribute];
  const key = hashKey(name, spec);
  const hash: Attribute = {
    name: snakeCase(key),
    type: "string",
    description: spec.writeOnly.hashFromApi
      ? `SHA-256 of \`${attribute.name}\`, which is write-only: a change to it, or made outside, shows here.`
      : `Salted scrypt hash of \`${attribute.name}\`, which is write-only: a change to it shows here.`,
    required: false,
    optional: false,
    computed: true,
    sensitive: false,
    writeOnly: false,
    field: key,
    hashOf: attribute.name,
  };
  return [attribute, hash];
}

export const attributesOf = (fields: Fields): Attribute[] =>
  Object.entries(fields).flatMap(([name, spec]) => fieldAttributes(name, spec));

export const objectType = (attributes: Attribute[]): CtyType => [
  "object",
  Object.fromEntries(attributes.map((a) => [a.name, a.type])),
];

export const ID_ATTRIBUTE: Attribute = {
  name: "id",
  type: "string",
  description: "The object's id.",
  required: false,
  optional: false,
  computed: true,
  sensitive: false,
  writeOnly: false,
};

export interface ResourceSchema {
  kind: KindSpec;
  /** Every attribute, `id` first. */
  attributes: Attribute[];
  /** The attributes carrying model fields: all but `id`. */
  fieldAttributes: Attribute[];
  type: CtyType;
}

export function resourceSchema(kind: KindSpec): ResourceSchema {
  const fieldAttributes = attributesOf(kind.fields);
  const attributes = [
    { ...ID_ATTRIBUTE, description: `The object's id; import with ${kind.importId}.` },
    ...fieldAttributes,
  ];
  return { kind, attributes, fieldAttributes, type: objectType(attributes) };
}
