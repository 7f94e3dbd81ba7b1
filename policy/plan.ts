/**
 * What the rules see: the scrums resources one run plans, in the model's names, whatever tool
 * planned them. Adapters build it from a Pulumi preview, a CDKTF stack or a Terraform plan.
 */
import { KINDS, type FieldSpec, type KindName } from "../provider/model/resources";

/** A value the tool cannot know before apply (an id not created yet). Rules never judge it. */
export const UNKNOWN: unique symbol = Symbol("unknown until apply");

/** `declared`: the tool sees the declaration only, not whether the object exists (Pulumi policies, CDKTF). */
export type PlannedAction = "create" | "update" | "replace" | "delete" | "keep" | "declared";

export interface PlannedResource {
  kind: KindName;
  /** How the tool names it: a Terraform address, a Pulumi URN's name, a construct path. */
  name: string;
  action: PlannedAction;
  /** The declared values, by model field (`enforceSso`, `saml.entityId`); `UNKNOWN` where not known yet. */
  properties: Record<string, unknown>;
  /** The platform's values before this run, when the tool knows them (a Terraform plan does). */
  prior?: Record<string, unknown>;
  /** Fields whose value points at another resource of the run: field → that resource's `name`. */
  references: Record<string, string>;
  /** Dotted paths of values the tool keeps secret (`secrets.webhook_secret`): a Pulumi secret, a sensitive value. */
  secretPaths: string[];
}

export interface Plan {
  resources: PlannedResource[];
}

export const isKnown = (value: unknown) => value !== UNKNOWN && value !== undefined;

/** Resources of `kind` that the run keeps (declared, not deleted). */
export const declared = (plan: Plan, kind: KindName) =>
  plan.resources.filter((r) => r.kind === kind && r.action !== "delete");

/** Whether `child`'s `field` names `parent`: by reference within the run, or by the same known id. */
export function belongsTo(child: PlannedResource, field: string, parent: PlannedResource): boolean {
  if (child.references[field] !== undefined) return child.references[field] === parent.name;
  const id = child.properties[field];
  return isKnown(id) && (parent.prior?.id === id || parent.properties.id === id);
}

/** The value at a dotted path. */
export function valueAt(properties: Record<string, unknown>, path: string): unknown {
  let value: unknown = properties;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function specAt(kind: KindName, path: string): FieldSpec | undefined {
  let spec: FieldSpec | undefined;
  let fields = KINDS[kind].fields as Record<string, FieldSpec> | undefined;
  for (const key of path.split(".")) {
    spec = fields?.[key];
    fields = spec?.fields;
  }
  return spec;
}

/** The declared value, or what an absent optional field means (its model default). */
export function effective(resource: PlannedResource, path: string): unknown {
  const value = valueAt(resource.properties, path);
  return value === undefined ? specAt(resource.kind, path)?.default : value;
}
