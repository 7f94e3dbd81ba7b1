/**
 * Translation between Terraform objects (snake_case attributes, typed values, unknowns) and the
 * engine's declarations and states (model field names, hashes of write-only values).
 */
import { canonicalJson, type Fields, type FieldSpec, plannedState, type Values } from "../model/resources";
import { hasUnknown, isUnknown, plain, UNKNOWN } from "./protocol/cty";
import type { Attribute } from "./schema";

export type TerraformObject = Record<string, unknown>;

const isPresent = (value: unknown) => value !== null && value !== undefined;

/**
 * The declaration a Terraform configuration makes. A field holding an unknown anywhere is unknown
 * as a whole: it is judged once its value is known, at apply.
 */
export function declarationOf(attributes: Attribute[], config: TerraformObject): Values {
  const declared: Values = {};
  for (const attribute of attributes) {
    const { spec, field } = attribute;
    if (!spec || !field || spec.role === "computed") continue;
    const value = config[attribute.name];
    if (!isPresent(value)) continue;
    if (hasUnknown(value)) declared[field] = UNKNOWN;
    else declared[field] = attribute.nested ? declarationOf(attribute.nested, value as TerraformObject) : plain(value);
  }
  return declared;
}

/** The engine's state of an object Terraform holds: its fields and hashes, no write-only plaintext. */
export function engineStateOf(attributes: Attribute[], state: TerraformObject): Values {
  const engineState: Values = {};
  for (const attribute of attributes) {
    const { spec, field } = attribute;
    if (!field || spec?.writeOnly || spec?.context) continue;
    const value = state[attribute.name];
    engineState[field] =
      attribute.nested && isPresent(value)
        ? engineStateOf(attribute.nested, value as TerraformObject)
        : normalised(spec, plain(value ?? null));
  }
  return engineState;
}

/** A value as the engine keeps it: state holds values as written (`Ann@Example.com`), the engine compares them normalised. */
function normalised(spec: FieldSpec | undefined, value: unknown): unknown {
  const parsed = value === null ? undefined : spec?.type.safeParse(value);
  return parsed?.success ? parsed.data : value;
}

/** Whether Terraform's value means what the engine's does (`Ann@Example.com` and the `ann@example.com` it became). */
const sameMeaning = (spec: FieldSpec | undefined, terraform: unknown, engine: unknown) =>
  canonicalJson(normalised(spec, plain(terraform))) === canonicalJson(engine);

export interface Rendering {
  /**
   * Terraform keeps write-only attributes out of state (1.11 and later). Older clients need the
   * configured value echoed, as a sensitive attribute. A read echoes the value in state unchanged
   * even when the platform's hash says it changed outside: the hash attribute shows that drift,
   * and a client logs the old value of an attribute a read changes, sensitive or not.
   */
  writeOnlyInState: boolean;
}

/**
 * The Terraform object for an engine state. `raw` is what Terraform already holds for it (the
 * configuration when planning or applying, the prior state when reading): a value of `raw` that
 * means the same as the engine's is kept as written, so normalisation never shows as a change.
 * An engine state of UNKNOWN makes every value not given in `raw` unknown.
 */
export function terraformObjectOf(
  attributes: Attribute[],
  engine: Values | typeof UNKNOWN,
  raw: TerraformObject,
  rendering: Rendering,
): TerraformObject {
  const at = (key: string) => (isUnknown(engine) ? UNKNOWN : engine[key]);
  const object: TerraformObject = {};
  for (const attribute of attributes) {
    const { spec, field = attribute.name } = attribute;
    const given = raw[attribute.name];
    let value: unknown;
    if (!spec) {
      // A hash: unknown while the value it hashes is.
      const source = raw[attribute.hashOf!];
      value = source !== undefined && hasUnknown(source) ? UNKNOWN : at(field);
    } else if (spec.writeOnly) {
      value = rendering.writeOnlyInState && isPresent(given) ? given : null;
    } else if (spec.context) {
      value = given;
    } else if (
      attribute.nested &&
      isPresent(at(field)) &&
      ((isPresent(given) && !isUnknown(given)) || !isUnknown(at(field)))
    ) {
      value = terraformObjectOf(
        attribute.nested,
        at(field) as Values | typeof UNKNOWN,
        isPresent(given) ? (given as TerraformObject) : {},
        rendering,
      );
    } else if (isPresent(given) && (hasUnknown(given) || (spec.createOnly ?? false))) {
      value = given;
    } else {
      const current = at(field);
      // A configured value is what a plan must show, even where the engine cannot know it yet.
      value = isPresent(given) && (isUnknown(current) || sameMeaning(spec, given, current)) ? given : current;
    }
    object[attribute.name] = value ?? null;
  }
  return object;
}

/** The engine state a Terraform plan promises (see `plannedState`), with cty's unknowns. */
export const plannedEngineState = (
  fields: Fields,
  prior: Values | null,
  declared: Values,
  changed: readonly string[],
) => plannedState(fields, prior, declared, changed, { isUnknown, value: UNKNOWN });
