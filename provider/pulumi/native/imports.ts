/**
 * What `pulumi import` needs of an imported object besides its state: the inputs a program would
 * declare to hold it as it is, so that the code Pulumi prints for it previews with no changes.
 */
import { type Fields, type FieldSpec, isDeclarable, type Values } from "../../model/resources";

/** A value the declaration may leave out: absent, or the default an absent field takes. */
const leftOut = (spec: FieldSpec, value: unknown) =>
  value === undefined || value === null || JSON.stringify(value) === JSON.stringify(spec.default);

/**
 * The declaration of an object in `state`: each declarable field it holds, at any depth, but those
 * at their default. Write-only values never come back from the platform, so they are left out: a
 * declaration without them keeps what the platform holds.
 */
export function importedInputs(fields: Fields, state: Values): Values {
  const inputs: Values = {};
  for (const [name, spec] of Object.entries(fields)) {
    const value = state[name];
    if (!isDeclarable(spec) || spec.writeOnly || leftOut(spec, value)) continue;
    inputs[name] = spec.fields ? importedInputs(spec.fields, value as Values) : value;
  }
  return inputs;
}
