/**
 * A synthesized CDKTF stack (Terraform JSON configuration, tokens resolved) seen as a policy Plan:
 * only the declaration is known, so interpolated values are unknown and nothing is deleted.
 */
import { UNKNOWN, type Plan, type PlannedResource } from "../plan";
import { fieldsOf, fromTerraformNames, kindOfTerraformType } from "./terraform-names";

export interface SynthesizedStack {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, { sensitive?: boolean }>;
}

const INTERPOLATION = /\$\{/;
const RESOURCE_REFERENCE = /\b(scrums_[a-z_]+\.[A-Za-z0-9_-]+)/g;
const VARIABLE_REFERENCE = /\bvar\.([A-Za-z0-9_-]+)/g;

const isInterpolated = (value: unknown): value is string => typeof value === "string" && INTERPOLATION.test(value);

/** Interpolations become UNKNOWN: their values exist only once Terraform evaluates them. */
function withUnknowns(value: unknown): unknown {
  if (isInterpolated(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(withUnknowns);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknowns(v)]));
  return value;
}

/** A literal is no secret, nor a variable not marked sensitive; `sensitive(…)` and other sources are the user's call. */
function fromSecretSource(value: unknown, variables: SynthesizedStack["variable"]): boolean {
  if (!isInterpolated(value)) return false;
  if (value.includes("sensitive(")) return true;
  return [...value.matchAll(VARIABLE_REFERENCE)].every(([, name]) => variables?.[name!]?.sensitive === true);
}

export function planFromSynthesized(stack: SynthesizedStack): Plan {
  const resources: PlannedResource[] = [];
  for (const [type, instances] of Object.entries(stack.resource ?? {})) {
    const kind = kindOfTerraformType(type);
    if (!kind) continue;
    for (const [logicalId, attributes] of Object.entries(instances)) {
      const declared = fromTerraformNames(fieldsOf(kind), attributes);
      const references: Record<string, string> = {};
      for (const [name, value] of Object.entries(declared)) {
        const [target] = isInterpolated(value) ? [...value.matchAll(RESOURCE_REFERENCE)].map((match) => match[1]!) : [];
        if (target) references[name] = target;
      }
      const secrets = declared.secrets;
      const secretPaths =
        secrets !== null && typeof secrets === "object"
          ? Object.entries(secrets)
              .filter(([, value]) => fromSecretSource(value, stack.variable))
              .map(([key]) => `secrets.${key}`)
          : fromSecretSource(secrets, stack.variable)
            ? ["secrets"]
            : [];
      resources.push({
        kind,
        name: `${type}.${logicalId}`,
        action: "declared",
        properties: withUnknowns(declared) as Record<string, unknown>,
        references,
        secretPaths,
      });
    }
  }
  return { resources };
}
