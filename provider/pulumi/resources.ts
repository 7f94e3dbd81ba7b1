/**
 * The six Pulumi classes. Each is a dynamic resource: it registers as
 * `pulumi-nodejs:dynamic/scrums:<Class>`, which Pulumi's dynamic-provider host serves from the
 * provider code under `__provider`, and which lets policies tell the kinds apart. Each marks as
 * secret every value the model calls secret, in inputs and outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { type Fields, hashKey, holdsSecret, idValues, KINDS, type KindName } from "../model/resources";
import { PROVIDER_KEY, providerSource, URN_KEY } from "./provider";
import type { ArgsOf, OutputsOf } from "./types";

/** Every property a kind's state has: Pulumi makes an output of each one the constructor names. */
const stateKeys = (fields: Fields) =>
  Object.entries(fields)
    .filter(([, spec]) => !spec.context)
    .map(([name, spec]) => (spec.writeOnly ? hashKey(name, spec) : name));

/** Declared fields holding secrets anywhere inside them, and computed secret outputs. */
const secretFields = (fields: Fields, role: "declared" | "computed") =>
  Object.entries(fields)
    .filter(([, spec]) => (role === "computed") === (spec.role === "computed"))
    .filter(([, spec]) => holdsSecret(spec))
    .map(([name]) => name);

abstract class ScrumsResource extends pulumi.CustomResource {
  protected constructor(
    kind: KindName,
    name: string,
    args: Record<string, unknown>,
    opts: pulumi.CustomResourceOptions = {},
  ) {
    const fields: Fields = KINDS[kind].fields;
    const props: Record<string, unknown> = Object.fromEntries(stateKeys(fields).map((key) => [key, undefined]));
    for (const [key, value] of Object.entries(args)) props[key] = value;
    for (const key of secretFields(fields, "declared"))
      if (args[key] !== undefined) props[key] = pulumi.secret(args[key]);
    const additionalSecretOutputs = [...(opts.additionalSecretOutputs ?? []), ...secretFields(fields, "computed")];
    const type = `pulumi-nodejs:dynamic/scrums:${kind}`;
    props[PROVIDER_KEY] = providerSource(kind);
    props[URN_KEY] = pulumi.createUrn(name, type, opts.parent);
    super(type, name, props, { ...opts, additionalSecretOutputs });
    this.readFromId(kind);
  }

  /**
   * Outputs the id carries (a member's `userId`) are read from it. A preview of an update knows
   * the id, but Pulumi gives it no other output of a dynamic resource: its dynamic-provider host
   * cannot preview, so the engine answers with the inputs alone, and ignores the stable outputs a
   * diff names. Read this way, a member's `userId` stays known while only its role changes, and
   * what is declared from it (a WorkspaceMember) is not planned for replacement.
   */
  private readFromId(kind: KindName): void {
    const fields: Fields = KINDS[kind].fields;
    for (const name of KINDS[kind].idFields ?? []) {
      if (fields[name]?.role !== "computed") continue;
      Object.defineProperty(this, name, {
        value: this.id.apply((id) => idValues(KINDS[kind], id)[name]!),
        enumerable: true,
      });
    }
  }
}

/** Program-side links that let a declaration be checked against the resources it names, before anything is sent. */
const ssoDomainsPlannedFor = new WeakMap<object, string[]>();
const organizationRoleOf = new WeakMap<object, pulumi.Input<string>>();

/* Each class merges with an interface of its outputs, which the model derives. */
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type */
export interface Organization extends OutputsOf<"Organization"> {}
export class Organization extends ScrumsResource {
  constructor(name: string, args: ArgsOf<"Organization">, opts?: pulumi.CustomResourceOptions) {
    const planned: string[] = [];
    // Filled by the Domains this program declares for the organization, all constructed before the next turn of the event loop.
    const plannedSsoDomains = new Promise<string[]>((resolve) => setImmediate(() => resolve(planned)));
    super("Organization", name, { ...args, plannedSsoDomains }, opts);
    ssoDomainsPlannedFor.set(this.id, planned);
  }
}

export interface Workspace extends OutputsOf<"Workspace"> {}
export class Workspace extends ScrumsResource {
  constructor(name: string, args: ArgsOf<"Workspace">, opts?: pulumi.CustomResourceOptions) {
    super("Workspace", name, args, opts);
  }
}

export interface OrganizationMember extends OutputsOf<"OrganizationMember"> {}
export class OrganizationMember extends ScrumsResource {
  constructor(name: string, args: ArgsOf<"OrganizationMember">, opts?: pulumi.CustomResourceOptions) {
    super("OrganizationMember", name, args, opts);
    organizationRoleOf.set(this.userId, args.role);
  }
}

export interface WorkspaceMember extends OutputsOf<"WorkspaceMember"> {}
export class WorkspaceMember extends ScrumsResource {
  constructor(name: string, args: ArgsOf<"WorkspaceMember">, opts?: pulumi.CustomResourceOptions) {
    const organizationRole = organizationRoleOf.get(args.userId as object);
    super("WorkspaceMember", name, { ...args, organizationRole }, opts);
  }
}

export interface Domain extends OutputsOf<"Domain"> {}
export class Domain extends ScrumsResource {
  constructor(name: string, args: ArgsOf<"Domain">, opts?: pulumi.CustomResourceOptions) {
    super("Domain", name, args, opts);
    const planned = ssoDomainsPlannedFor.get(args.organizationId as object);
    if (planned && args.ssoEnforcement !== undefined && args.ssoEnforcement !== "none") {
      planned.push(typeof args.domain === "string" ? args.domain : name);
    }
  }
}

export interface Integration extends OutputsOf<"Integration"> {}
export class Integration extends ScrumsResource {
  constructor(name: string, args: ArgsOf<"Integration">, opts?: pulumi.CustomResourceOptions) {
    super("Integration", name, args, opts);
  }
}
