/** Terraform's attribute names back to the model's: `saml.entity_id` → `saml.entityId`, by the model's own fields. */
import { KINDS, type FieldSpec, type Fields, type KindName } from "../../provider/model/resources";
import { snakeCase } from "../../provider/model/naming";
import { UNKNOWN } from "../plan";

const KIND_OF_TYPE = new Map(Object.entries(KINDS).map(([name, kind]) => [kind.terraformType, name as KindName]));

/** The kind a Terraform resource type declares, when it is one of this provider's. */
export const kindOfTerraformType = (type: string): KindName | undefined => KIND_OF_TYPE.get(type);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * An object in Terraform's names, in the model's names. `unknown` mirrors it where Terraform marks
 * values not known until apply (`after_unknown`); `null` means absent, but for required write-only values, which
 * Terraform hides. Map-valued fields keep their keys.
 */
export function fromTerraformNames(fields: Fields, object: Record<string, unknown>, unknown: unknown = {}): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields) as Array<[string, FieldSpec]>) {
    const key = snakeCase(name);
    const unknownHere = isObject(unknown) ? unknown[key] : undefined;
    if (unknownHere === true) {
      result[name] = UNKNOWN;
      continue;
    }
    const value = object[key];
    // A required write-only value is always declared; Terraform only hides it (null).
    if (value === null && spec.writeOnly && spec.role === "required") result[name] = UNKNOWN;
    if (value === null || value === undefined) continue;
    result[name] = spec.fields && isObject(value) ? fromTerraformNames(spec.fields, value, unknownHere) : value;
  }
  return result;
}

export const fieldsOf = (kind: KindName): Fields => KINDS[kind].fields;
