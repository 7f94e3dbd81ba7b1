/**
 * The policy fixtures (pulumi-declare declarations) in each adapter's input: a neutral plan, a CDKTF
 * stack of the generated bindings, Pulumi policy resources, and HCL.
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { PolicyResource } from "@pulumi/policy";
import * as bindings from "../../cdktf";
import { KINDS, type KindName } from "../../provider/model/resources";
import { snakeCase } from "../../provider/model/naming";
import { UNKNOWN, type Plan } from "../../policy";
import { testApp } from "./cdktf-testing";
import type { Declaration, Value } from "../e2e/fixtures/pulumi-declare/declaration";
import { expr, type HclValue } from "./hcl";

type Ref = { $ref: string; output?: string };
type Secret = { $secret: Value };
const isRef = (value: Value): value is Ref =>
  value !== null && typeof value === "object" && !Array.isArray(value) && "$ref" in value;
const isSecret = (value: Value): value is Secret =>
  value !== null && typeof value === "object" && !Array.isArray(value) && "$secret" in value;

/** Rewrites a declaration's values: references and secrets by the callbacks, the rest as they are. */
function mapValues(
  value: Value,
  on: { ref: (ref: Ref) => unknown; secret: (secret: Secret, path: string) => unknown },
  path = "",
): unknown {
  if (isRef(value)) return on.ref(value);
  if (isSecret(value)) return on.secret(value, path);
  if (Array.isArray(value)) return value.map((item) => mapValues(item, on, path));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapValues(v, on, path ? `${path}.${k}` : k)]));
  return value;
}

export function neutralPlan(declaration: Declaration): Plan {
  return {
    resources: Object.entries(declaration.resources).map(([name, { type, args }]) => {
      const references: Record<string, string> = {};
      const secretPaths: string[] = [];
      const properties = Object.fromEntries(
        Object.entries(args).map(([field, value]) => [
          field,
          mapValues(value, {
            ref: (ref) => ((references[field] = ref.$ref), UNKNOWN),
            secret: (secret, path) => (secretPaths.push(`${field}.${path}`.replace(/\.$/, "")), secret.$secret),
          }),
        ]),
      );
      return { kind: type, name, action: "declared" as const, properties, references, secretPaths };
    }),
  };
}

/** A CDKTF stack of the generated resource classes; `prepare` adds aspects before synth. Returns annotations by construct id. */
export function synthesizeCdktf(
  declaration: Declaration,
  prepare: (stack: TerraformStack) => void,
): Record<string, string[]> {
  const stack = new TerraformStack(testApp(), "policy");
  new bindings.provider.ScrumsProvider(stack, "scrums");
  const made = new Map<string, Record<string, string>>();
  const classes: Record<KindName, new (scope: TerraformStack, id: string, config: never) => unknown> = {
    Organization: bindings.organization.Organization,
    Workspace: bindings.workspace.Workspace,
    OrganizationMember: bindings.organizationMember.OrganizationMember,
    WorkspaceMember: bindings.workspaceMember.WorkspaceMember,
    Domain: bindings.domain.Domain,
    Integration: bindings.integration.Integration,
  };
  for (const [name, { type, args }] of Object.entries(declaration.resources)) {
    const config = mapValues(args as Value, {
      ref: (ref) => made.get(ref.$ref)![ref.output ?? "id"]!,
      secret: (secret, path) =>
        new TerraformVariable(stack, `${name}-${path.replace(/\./g, "-")}`, {
          type: "string",
          sensitive: true,
          default: secret.$secret,
        }).stringValue,
    });
    made.set(name, new classes[type](stack, name, config as never) as Record<string, string>);
  }
  prepare(stack);
  Testing.synth(stack);
  const annotations: Record<string, string[]> = {};
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata.filter((m) => m.type.startsWith("@cdktf/"))) {
      (annotations[construct.node.id] ??= []).push(`${entry.type} ${String(entry.data)}`);
    }
  }
  return annotations;
}

/** The type tokens of the dynamic resources (`pulumi-nodejs:dynamic/scrums:Organization`) or the native ones. */
export const PULUMI_TYPE_PREFIXES = { dynamic: "pulumi-nodejs:dynamic/scrums:", native: "scrums:index:" };

/** Pulumi's view in a stack policy: secrets unwrapped, outputs of resources not created yet unknown. */
export function pulumiResources(declaration: Declaration, typePrefix = PULUMI_TYPE_PREFIXES.dynamic): PolicyResource[] {
  const byName = new Map<string, PolicyResource>();
  for (const [name, { type, args }] of Object.entries(declaration.resources)) {
    const propertyDependencies: Record<string, PolicyResource[]> = {};
    const props = Object.fromEntries(
      Object.entries(args).map(([field, value]) => [
        field,
        mapValues(value, {
          ref: (ref) => (
            (propertyDependencies[field] = [byName.get(ref.$ref)!]),
            "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
          ),
          secret: (secret) => secret.$secret,
        }),
      ]),
    );
    const urn = `urn:pulumi:test::policy::${typePrefix}${type}::${name}`;
    byName.set(name, {
      type: `${typePrefix}${type}`,
      name,
      urn,
      props,
      propertyDependencies,
      dependencies: [],
    } as unknown as PolicyResource);
  }
  return [...byName.values()];
}

/**
 * HCL for the declaration, its resources named `<prefix>_<name>`; secrets become sensitive variables.
 * An organization that enforces SSO names the SSO domains declared for it, as the blueprint does.
 */
export function terraformResources(
  declaration: Declaration,
  prefix: string,
): { resources: Record<string, { type: string; args: Record<string, HclValue> }>; variables: string } {
  const variables: string[] = [];
  const resources: Record<string, { type: string; args: Record<string, HclValue> }> = {};
  const addressOf = (name: string) => `${KINDS[declaration.resources[name]!.type].terraformType}.${prefix}_${name}`;
  for (const [name, { type, args }] of Object.entries(declaration.resources)) {
    const converted = mapValues(args as Value, {
      ref: (ref) => expr(`${addressOf(ref.$ref)}.${snakeCase(ref.output ?? "id")}`),
      secret: (secret, path) => {
        const variable = `${prefix}_${name}_${path.replace(/\./g, "_")}`;
        variables.push(
          `variable "${variable}" {\n  type      = string\n  sensitive = true\n  default   = ${JSON.stringify(secret.$secret)}\n}\n`,
        );
        return expr(`var.${variable}`);
      },
    }) as Record<string, HclValue>;
    if (type === "Organization" && args.enforceSso === true) {
      converted.plannedSsoDomains = Object.values(declaration.resources)
        .filter(
          (r) => r.type === "Domain" && isRef(r.args.organizationId!) && (r.args.organizationId as Ref).$ref === name,
        )
        .filter((r) => r.args.ssoEnforcement !== undefined && r.args.ssoEnforcement !== "none")
        .map((r) => r.args.domain as string);
    }
    // Nested blocks of the model (saml) take Terraform's names too; maps (config, secrets) keep their keys.
    const snakeKeys = (value: HclValue) =>
      Object.fromEntries(Object.entries(value as Record<string, HclValue>).map(([k, v]) => [snakeCase(k), v]));
    resources[`${prefix}_${name}`] = {
      type: KINDS[type].terraformType,
      args: Object.fromEntries(
        Object.entries(converted).map(([field, value]) => [
          snakeCase(field),
          field === "saml" ? snakeKeys(value) : value,
        ]),
      ),
    };
  }
  return { resources, variables: variables.join("\n") };
}
