/** The state a plan promises, for any front end: which values it knows, and which only apply will tell. */
import { desiredState, outputsChangedBy, overlay, type Values } from "./derive";
import { type Fields, hashKey, hasSaltedHash } from "./field";

/** How a front end writes a value not known until apply. */
export interface Unknowns {
  isUnknown(value: unknown): boolean;
  value: unknown;
}

/**
 * The engine state a plan promises. Declared values are known (write-only ones by their hash, but a
 * salted hash only when the prior state's still fits: apply salts a new value afresh); platform
 * values are unknown when the object is created, and when the update's work (`changed`, as the
 * engine's diff names it) may change them (the model's `changedBy`); otherwise they are the prior state's.
 */
export function plannedState(
  fields: Fields,
  prior: Values | null,
  declared: Values,
  changed: readonly string[],
  unknowns: Unknowns,
): Values {
  const { isUnknown, value: UNKNOWN } = unknowns;
  const known = Object.fromEntries(Object.entries(declared).filter(([, value]) => !isUnknown(value)));
  const planned = overlay(fields, prior ?? {}, desiredState(fields, known, prior ?? {}));
  const changing = prior ? outputsChangedBy(fields, changed) : [];
  for (const [name, spec] of Object.entries(fields)) {
    const key = spec.writeOnly ? hashKey(name, spec) : name;
    if (isUnknown(declared[name]) || (hasSaltedHash(spec) && planned[key] !== prior?.[key])) planned[key] = UNKNOWN;
    else if (spec.role === "computed" && (!prior || changing.includes(name))) planned[name] = UNKNOWN;
    else if (spec.role === "optional" && !prior && !(name in planned) && declared[name] === undefined)
      planned[name] = UNKNOWN;
  }
  return planned;
}
