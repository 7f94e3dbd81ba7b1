/** Terraform's attribute names back to the model's: `saml.entity_id` → `saml.entityId`, by the model's own fields. */
import { KINDS, type FieldSpec, type Fields, hashKey, type KindName } from "../../provider/model/resources";
import { snakeCase } from "../../provider/model/naming";
import { UNKNOWN } from "../plan";

const KIND_OF_TYPE = new Map(Object.entries(KINDS).map(([name, kind]) => [kind.terraformType, name as KindName]));

/** The kind a Terraform resource type declares, when it is one of this provider's. */
export const kindOfTerraformType = (type: string): KindName | undefined => KIND_OF_TYPE.get(type);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * An object in Terraform's names, in the model's names. `unknown` mirrors it where Terraform marks
 * values not known until apply (`after_unknown`); `null` means absent, but for write-only values, which
 * Terraform always hides: one whose hash is or will be known was declared, or the platform holds it.
 * Map-valued fields keep their keys.
 */
export function fromTerraformNames(
  fields: Fields,
  object: Record<string, unknown>,
  unknown: unknown = {},
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields) as Array<[string, FieldSpec]>) {
    const key = snakeCase(name);
    const unknownHere = isObject(unknown) ? unknown[key] : undefined;
    if (unknownHere === true) {
      result[name] = UNKNOWN;
      continue;
    }
    const value = object[key];
    const hash = snakeCase(hashKey(name, spec));
    const hashed =
      (isObject(unknown) && unknown[hash] === true) || (object[hash] !== null && object[hash] !== undefined);
    if (value === null && spec.writeOnly && hashed) result[name] = UNKNOWN;
    if (value === null || value === undefined) continue;
    result[name] = spec.fields && isObject(value) ? fromTerraformNames(spec.fields, value, unknownHere) : value;
  }
  return result;
}

export const fieldsOf = (kind: KindName): Fields => KINDS[kind].fields;
