/**
 * The rules as Pulumi policies: a stack policy per rule, and, for rules with a safe fix, a resource
 * policy whose remediation sets the compliant values (level `remediate`). Pulumi policies see the
 * declaration only: neither the platform's current values nor the resources a run deletes.
 */
import {
  UnknownValueError,
  type PolicyResource,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { z } from "zod";
import { hashKey, holdsSecret, KINDS, type Fields, type KindName } from "../../provider/model/resources";
import { resolveConfig, type RuleSettings } from "../config";
import { evaluate, type Finding } from "../evaluate";
import { UNKNOWN, type Plan, type PlannedResource } from "../plan";
import type { Rule } from "../rule";

/** The type tokens of the dynamic resources and of the native provider's resources. */
const TYPE_PREFIXES = ["pulumi-nodejs:dynamic/scrums:", "scrums:index:"];
/** What the engine sends for a value not known until apply. */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const kindOf = (type: string): KindName | undefined => {
  const prefix = TYPE_PREFIXES.find((candidate) => type.startsWith(candidate));
  const name = prefix === undefined ? undefined : type.slice(prefix.length);
  return name !== undefined && name in KINDS ? (name as KindName) : undefined;
};

/** A property of Pulumi's proxies, which throw on reading a value not known during preview. */
function read(object: unknown, key: string | number): unknown {
  try {
    const value = (object as Record<string | number, unknown>)[key];
    return value === UNKNOWN_SENTINEL ? UNKNOWN : value;
  } catch (error) {
    if (error instanceof UnknownValueError) return UNKNOWN;
    throw error;
  }
}

/** A plain copy, UNKNOWN where Pulumi does not know the value yet; read key by key, as the proxies trip `map`. */
function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, index) => plainCopy(read(value, index)));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.keys(value).map((key) => [key, plainCopy(read(value, key))]));
  return value;
}

/** The scrums classes make every value the model calls secret a Pulumi secret, whatever the program passes. */
const secretPathsOf = (fields: Fields, prefix = ""): string[] =>
  Object.entries(fields).flatMap(([name, spec]) =>
    spec.secret
      ? [`${prefix}${name}`]
      : spec.fields && holdsSecret(spec)
        ? secretPathsOf(spec.fields, `${prefix}${name}.`)
        : [],
  );

/** What the rules need of a resource, as stack and resource policies both give it. */
type PulumiResourceView = Pick<PolicyResource, "name" | "props"> & {
  propertyDependencies?: PolicyResource["propertyDependencies"];
};

/**
 * The model's fields of a resource's properties. Once created, a resource shows its outputs, where a
 * write-only value is only its hash: declared, but not to be judged.
 */
function declaredFields(fields: Fields, props: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const value = read(props, name);
    if (value === undefined) {
      if (spec.writeOnly && read(props, hashKey(name, spec)) !== undefined) result[name] = UNKNOWN;
    } else {
      result[name] =
        spec.fields && value !== null && typeof value === "object"
          ? declaredFields(spec.fields, value as Record<string, unknown>)
          : plainCopy(value);
    }
  }
  return result;
}

function plannedResource(resource: PulumiResourceView, kind: KindName): PlannedResource {
  const fields = KINDS[kind].fields as Fields;
  const properties = declaredFields(fields, resource.props);
  const references = Object.fromEntries(
    Object.entries(resource.propertyDependencies ?? {})
      .map(
        ([field, dependencies]) => [field, dependencies.find((dependency) => kindOf(dependency.type))?.name] as const,
      )
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined),
  );
  return { kind, name: resource.name, action: "declared", properties, references, secretPaths: secretPathsOf(fields) };
}

export function planFromPulumi(resources: PolicyResource[]): Plan {
  return {
    resources: resources.flatMap((resource) =>
      kindOf(resource.type) ? [plannedResource(resource, kindOf(resource.type)!)] : [],
    ),
  };
}

/** The rule's settings in a Pulumi policy configuration schema, from its zod schema. */
function configSchemaOf(rule: Rule<object>) {
  const schema = z.toJSONSchema(rule.config, { io: "input" }) as { properties?: Record<string, object> };
  return { properties: (schema.properties ?? {}) as Record<string, never> };
}

/** Settings from Pulumi's configuration, checked and completed by the rule's own schema. */
const settingsFrom = (setting: RuleSettings, config: unknown): RuleSettings => ({
  ...setting,
  config: setting.rule.config.parse({ ...(config as object) }),
});

const report = (
  findings: Finding[],
  reportViolation: (message: string, urn?: string) => void,
  urnOf: (name: string) => string | undefined,
) => {
  for (const finding of findings) reportViolation(finding.message, urnOf(finding.resource.name));
};

/**
 * The pack's policies. `defaults` sets levels and settings (the same shape as a policy pack
 * configuration); Pulumi's own `--policy-pack-config` overrides them per run.
 */
export function pulumiPolicies(defaults: unknown = {}): Array<ResourceValidationPolicy | StackValidationPolicy> {
  return resolveConfig(defaults).map((setting): ResourceValidationPolicy | StackValidationPolicy => {
    const { rule, level } = setting;
    const common = {
      name: rule.id,
      description: `${rule.title}. ${rule.description}`,
      enforcementLevel: level,
      configSchema: configSchemaOf(rule),
    };
    if (!rule.remediate) {
      return {
        ...common,
        validateStack: (args, reportViolation) => {
          const plan = planFromPulumi(args.resources);
          const urnOf = (name: string) => args.resources.find((r) => r.name === name)?.urn;
          report(evaluate(plan, [settingsFrom(setting, args.getConfig())]), reportViolation, urnOf);
        },
      };
    }
    // Rules with a fix judge one resource at a time, so the fix can be applied where it is found.
    const findingsFor = (resource: PulumiResourceView & { type: string }, config: unknown) => {
      const kind = kindOf(resource.type);
      return kind
        ? evaluate({ resources: [plannedResource(resource, kind)] }, [
            { ...settingsFrom(setting, config), level: "mandatory" },
          ])
        : [];
    };
    return {
      ...common,
      validateResource: (args, reportViolation) => {
        for (const finding of findingsFor(args, args.getConfig())) reportViolation(finding.message);
      },
      remediateResource: (args) => {
        const findings = findingsFor(args, args.getConfig());
        if (findings.length === 0) return undefined;
        // Writing through Pulumi's proxy keeps secret values secret.
        for (const finding of findings) Object.assign(args.props, finding.remediation);
        return args.props;
      },
    };
  });
}
