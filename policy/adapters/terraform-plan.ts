/** A Terraform plan, as `terraform show -json <planfile>` prints it, seen as a policy Plan. */
import path from "node:path";
import { z } from "zod";
import { UNKNOWN, type Plan, type PlannedAction, type PlannedResource } from "../plan";
import { snakeCase } from "../../provider/model/naming";
import { fieldsOf, fromTerraformNames, kindOfTerraformType } from "./terraform-names";

const Expression = z
  .object({ constant_value: z.unknown().optional(), references: z.array(z.string()).optional() })
  .loose();

interface ModuleConfig {
  resources?: Array<{ address: string; mode: string; expressions?: Record<string, unknown> }>;
  variables?: Record<string, { sensitive?: boolean }>;
  module_calls?: Record<string, { source?: string; module?: ModuleConfig }>;
}

const ModuleConfig: z.ZodType<ModuleConfig> = z.lazy(() =>
  z
    .object({
      resources: z
        .array(
          z
            .object({
              address: z.string(),
              mode: z.string(),
              expressions: z.record(z.string(), z.unknown()).optional(),
            })
            .loose(),
        )
        .optional(),
      variables: z.record(z.string(), z.object({ sensitive: z.boolean().optional() }).loose()).optional(),
      module_calls: z
        .record(z.string(), z.object({ source: z.string().optional(), module: ModuleConfig.optional() }).loose())
        .optional(),
    })
    .loose(),
);

const TerraformPlanJson = z
  .object({
    format_version: z.string(),
    resource_changes: z
      .array(
        z
          .object({
            address: z.string(),
            module_address: z.string().optional(),
            mode: z.string(),
            type: z.string(),
            change: z
              .object({
                actions: z.array(z.string()).min(1),
                before: z.record(z.string(), z.unknown()).nullable(),
                after: z.record(z.string(), z.unknown()).nullable(),
                after_unknown: z.unknown().optional(),
              })
              .loose(),
          })
          .loose(),
      )
      .default([]),
    configuration: z.object({ root_module: ModuleConfig }).loose(),
  })
  .loose();

type ResourceChange = z.infer<typeof TerraformPlanJson>["resource_changes"][number];

export class PlanFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanFileError";
  }
}

function actionOf(actions: string[]): PlannedAction {
  if (actions.includes("create") && actions.includes("delete")) return "replace";
  if (actions[0] === "create" || actions[0] === "delete" || actions[0] === "update") return actions[0];
  return "keep";
}

/**
 * One module's configuration with the address prefix of its resources (`module.app.`) and, when its
 * source is a local path, its directory relative to the root module's.
 */
interface ModuleScope {
  prefix: string;
  config: ModuleConfig;
  dir?: string;
}

const isLocalSource = (source: string | undefined): source is string => /^\.\.?\//.test(source ?? "");

function modulesOf(root: ModuleConfig): ModuleScope[] {
  const scopes: ModuleScope[] = [];
  const walk = (config: ModuleConfig, prefix: string, dir: string | undefined) => {
    scopes.push({ prefix, config, dir });
    for (const [name, call] of Object.entries(config.module_calls ?? {}))
      if (call.module) {
        const callDir = dir !== undefined && isLocalSource(call.source) ? path.join(dir, call.source) : undefined;
        walk(call.module, `${prefix}module.${name}.`, callDir);
      }
  };
  walk(root, "", ".");
  return scopes;
}

/** A resource instance's address without its index: `scrums_x.y["k"]` → `scrums_x.y`. */
const configAddress = (address: string) => address.replace(/\[[^\]]*\]$/, "");

/**
 * Whether a write-only or sensitive value comes from a secret: a literal does not, nor a variable
 * not marked sensitive. Other sources (resources, functions) are the user's call.
 */
function fromSecretSource(expression: z.infer<typeof Expression>, scope: ModuleScope): boolean {
  if (expression.constant_value !== undefined) return false;
  return (expression.references ?? [])
    .filter((reference) => reference.startsWith("var."))
    .every((reference) => scope.config.variables?.[reference.split(".")[1]!]?.sensitive === true);
}

function parsePlan(json: unknown): z.infer<typeof TerraformPlanJson> {
  const parsed = TerraformPlanJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join(".") : "the top level";
    throw new PlanFileError(
      `not a Terraform plan in JSON (the output of \`terraform show -json <planfile>\`): ${where}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * The directory of each module whose source is a local path, relative to the root module's (`.`), by
 * the address prefix of its resources (`""`, `module.app.`).
 */
export function moduleDirectories(json: unknown): Map<string, string> {
  return new Map(
    modulesOf(parsePlan(json).configuration.root_module).flatMap((scope) =>
      scope.dir === undefined ? [] : [[scope.prefix, scope.dir] as const],
    ),
  );
}

export function planFromTerraform(json: unknown): Plan {
  const parsed = parsePlan(json);
  const scopes = modulesOf(parsed.configuration.root_module);
  const changes = parsed.resource_changes.filter(
    (change) => change.mode === "managed" && kindOfTerraformType(change.type),
  );
  const addresses = new Set(changes.map((change) => change.address));

  const resourceOf = (change: ResourceChange): PlannedResource => {
    const kind = kindOfTerraformType(change.type)!;
    const fields = fieldsOf(kind);
    const action = actionOf(change.change.actions);
    const { before, after } = change.change;
    const properties = fromTerraformNames(
      fields,
      (action === "delete" ? before : after) ?? {},
      action === "delete" ? {} : change.change.after_unknown,
    );
    if (after?.id !== undefined || before?.id !== undefined) properties.id = after?.id ?? before?.id;
    const scope = scopes.find(
      (s) =>
        configAddress(change.address).startsWith(s.prefix) &&
        !configAddress(change.address).slice(s.prefix.length).includes("module."),
    )!;
    const expressions =
      scope.config.resources?.find((r) => `${scope.prefix}${r.address}` === configAddress(change.address))
        ?.expressions ?? {};

    const references: Record<string, string> = {};
    const secretPaths: string[] = [];
    for (const name of Object.keys(fields)) {
      const expression = Expression.safeParse(expressions[snakeCase(name)]);
      if (!expression.success) continue;
      const target = (expression.data.references ?? [])
        .map((reference) => `${scope.prefix}${reference.split(".").slice(0, 2).join(".")}`)
        .find((address) => addresses.has(address));
      if (target) references[name] = target;
      if (name === "secrets") {
        // Write-only: the plan never holds the values, so what the configuration passes decides.
        if (properties.secrets === undefined || properties.secrets === UNKNOWN) {
          properties.secrets = expression.data.constant_value ?? UNKNOWN;
        }
        if (fromSecretSource(expression.data, scope)) secretPaths.push("secrets");
      }
    }
    return {
      kind,
      name: change.address,
      action,
      properties,
      ...(before ? { prior: { ...fromTerraformNames(fields, before), id: before.id } } : {}),
      references,
      secretPaths,
    };
  };
  return { resources: changes.map(resourceOf) };
}
