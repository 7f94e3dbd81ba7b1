/**
 * Terraform's view of the model: each kind's attributes (names in snake_case, cty types, required /
 * optional / computed / sensitive / write-only), derived from the kind's fields, never written by hand.
 */
import type { z } from "zod";
import { type FieldSpec, type Fields, hashKey, KINDS, type KindSpec } from "../model/resources";
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

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const TERRAFORM_TYPES: Record<string, string> = Object.fromEntries(Object.values(KINDS).map((kind) => [kind.name, kind.terraformType]));

/** Rewrites the model's `fieldName` and `KindName` mentions in Terraform's words. */
export const terraformWords = (text: string) =>
  text.replace(/`([A-Za-z]+)`/g, (whole, word: string) => {
    if (TERRAFORM_TYPES[word]) return `\`${TERRAFORM_TYPES[word]}\``;
    return /^[a-z]+[A-Z]/.test(word) ? `\`${snakeCase(word)}\`` : whole;
  });

type ZodDef = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** The cty type a zod type's values have. */
export function ctyType(schema: z.ZodType): CtyType {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
    case "enum":
    case "literal":
      return "string";
    case "number":
    case "int":
      return "number";
    case "boolean":
      return "bool";
    case "nullable":
    case "optional":
    case "default":
      return ctyType(def.innerType!);
    case "pipe":
      return ctyType(def.in!);
    case "array":
      return ["list", ctyType(def.element!)];
    case "record": {
      const value = defOf(def.valueType!).type;
      return value === "unknown" || value === "any" ? "dynamic" : ["map", ctyType(def.valueType!)];
    }
    case "object":
      return ["object", Object.fromEntries(Object.entries(def.shape!).map(([name, member]) => [name, ctyType(member)]))];
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

export const attributesOf = (fields: Fields): Attribute[] => Object.entries(fields).flatMap(([name, spec]) => fieldAttributes(name, spec));

export const objectType = (attributes: Attribute[]): CtyType => ["object", Object.fromEntries(attributes.map((a) => [a.name, a.type]))];

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
  const attributes = [{ ...ID_ATTRIBUTE, description: `The object's id; import with ${kind.importId}.` }, ...fieldAttributes];
  return { kind, attributes, fieldAttributes, type: objectType(attributes) };
}
