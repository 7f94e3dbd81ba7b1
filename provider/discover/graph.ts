/**
 * The discovered graph: an organization's objects as declarations a person would keep, independent
 * of any front end's syntax. Each kind's fields (the model) decide what is written: declarable
 * fields only, values equal to their default left out, ids of other discovered objects as
 * references, write-only values as secret inputs to fill in, context fields as the platform
 * shows them. Writers render it in one format each.
 */
import { OrganizationId, UserId, WorkspaceId } from "../model/api/common";
import {
  canonicalJson,
  type Fields,
  type FieldSpec,
  hashKey,
  isDeclarable,
  KINDS,
  type KindName,
  organizationRoleOf,
  plannedSsoDomainsOf,
  type Values,
  WorkspaceMember,
} from "../model/resources";
import type { DiscoveredObject } from "./read";
import { resourceNames } from "./names";

/** The value of another declaration's field: `scrums_workspace.platform.id`. */
export class Reference {
  constructor(
    readonly node: GraphNode,
    /** A model field name, or `id`. */
    readonly field: string,
  ) {}
}

/** A secret the platform never returns, to be filled in by the person adopting the code. */
export class SecretInput {
  constructor(
    /** The variable's (or Pulumi config key's) name, unique in the graph. */
    readonly name: string,
    readonly description: string,
  ) {}
}

/** The declared members of an object-valued field (a SAML block): named by model field names, unlike a map's keys. */
export class Block {
  constructor(readonly args: Record<string, Arg>) {}
}

export type Arg = string | number | boolean | Arg[] | { [key: string]: Arg } | Reference | SecretInput | Block;

export interface GraphNode {
  kind: KindName;
  /** The resource's name, unique in the graph (so it can also be a variable's). */
  name: string;
  id: string;
  importId: string;
  args: Block;
}

export interface DiscoveredGraph {
  organization: { id: string; slug: string };
  /** In an order where every reference points back. */
  nodes: GraphNode[];
  secrets: SecretInput[];
}

/** The kinds in the order their declarations are written: each refers only to kinds before it. */
const KIND_ORDER: readonly KindName[] = [
  "Organization",
  "Workspace",
  "OrganizationMember",
  "WorkspaceMember",
  "Domain",
  "Integration",
];

/** Field types whose values are ids of discovered objects: which kind they name, by which field. */
const REFERENCED_BY_TYPE = new Map<unknown, { kind: KindName; field: string }>([
  [OrganizationId, { kind: "Organization", field: "id" }],
  [WorkspaceId, { kind: "Workspace", field: "id" }],
  [UserId, { kind: "OrganizationMember", field: "userId" }],
]);

export function discoveredGraph(objects: readonly DiscoveredObject[]): DiscoveredGraph {
  const organization = objects.find((object) => object.kind === "Organization");
  if (!organization) throw new Error("the discovered objects hold no organization");
  const ordered = KIND_ORDER.flatMap((kind) =>
    objects.filter((object) => object.kind === kind).sort((a, b) => a.id.localeCompare(b.id)),
  );
  const names = resourceNames(ordered);
  const written = ordered.filter((object) => object.written);
  const nodes = new Map<DiscoveredObject, GraphNode>();
  const secrets: SecretInput[] = [];
  const statesOf = (kind: KindName) => objects.filter((object) => object.kind === kind).map((object) => object.state);

  const referenceTo = (spec: FieldSpec, value: unknown): Reference | undefined => {
    const target = REFERENCED_BY_TYPE.get(spec.type);
    if (!target) return undefined;
    for (const [object, node] of nodes) {
      if (object.kind !== target.kind) continue;
      const held = target.field === "id" ? object.id : object.state[target.field];
      if (held === value) return new Reference(node, target.field);
    }
    return undefined;
  };

  /** What the platform shows for the kind's context fields (see ../model/resources/context-values). */
  const contextOf = (object: DiscoveredObject): Values => {
    if (object.kind === "Organization") return { plannedSsoDomains: plannedSsoDomainsOf(statesOf("Domain")) };
    if (object.kind === "WorkspaceMember") {
      const member = referenceTo(WorkspaceMember.fields.userId, object.state.userId);
      return {
        organizationRole: member
          ? new Reference(member.node, "role")
          : organizationRoleOf(statesOf("OrganizationMember"), object.state.userId),
      };
    }
    return {};
  };

  /**
   * A write-only field's secret input, when the platform holds a value for it. `within` is the
   * object-valued field it is a member of, if any (`saml`).
   */
  const secretArg = (object: DiscoveredObject, spec: FieldSpec, name: string, state: Values, within: string[]) => {
    /** `path` names the value; a map's key alone names its entry (`webhook_secret`, not `secrets_webhook_secret`). */
    const input = (path: string[], key?: string) => {
      const secret = new SecretInput(
        [names.get(object)!, ...(key === undefined ? path : [...within, key])].join("_"),
        `${[...path, ...(key === undefined ? [] : [key])].join(".")} of ${object.kind} ${object.importId}`,
      );
      secrets.push(secret);
      return secret;
    };
    if (spec.writeOnly?.hashFromApi) return state[hashKey(name, spec)] ? input([...within, name]) : undefined;
    if (object.heldSecrets.length === 0) return undefined;
    return Object.fromEntries(object.heldSecrets.map((key) => [key, input([...within, name], key)]));
  };

  const argsOf = (object: DiscoveredObject, fields: Fields, state: Values, context: Values, within: string[] = []) => {
    const args: Record<string, Arg> = {};
    for (const [name, spec] of Object.entries(fields)) {
      if (!isDeclarable(spec) || spec.createOnly) continue;
      if (spec.writeOnly) {
        const secret = secretArg(object, spec, name, state, within);
        if (secret !== undefined) args[name] = secret;
        continue;
      }
      const value = spec.context ? context[name] : state[name];
      if (value === undefined || value === null) continue;
      if (spec.default !== undefined && canonicalJson(value) === canonicalJson(spec.default)) continue;
      if (value instanceof Reference) args[name] = value;
      else if (spec.fields) args[name] = argsOf(object, spec.fields, value as Values, {}, [...within, name]);
      else args[name] = referenceTo(spec, value) ?? (value as Arg);
    }
    return new Block(args);
  };

  for (const object of written) {
    const args = argsOf(object, KINDS[object.kind].fields, object.state, contextOf(object));
    const name = names.get(object)!;
    nodes.set(object, { kind: object.kind, name, id: object.id, importId: object.importId, args });
  }
  return {
    organization: { id: organization.id, slug: String(organization.state.slug) },
    nodes: [...nodes.values()],
    secrets,
  };
}
