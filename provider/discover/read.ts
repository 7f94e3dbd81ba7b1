/**
 * Reads an organization whole, through the API's list endpoints a page at a time (never a GET per
 * object, never a write), into the states the engine keeps for each kind.
 */
import type { ScrumsClient, ListItem, ListOperationId, CallInput } from "../client/client";
import { asDeclared } from "../engine/integration";
import {
  compositeId,
  KINDS,
  type KindName,
  OrganizationMember,
  stateFromApi,
  type Values,
  WorkspaceMember,
} from "../model/resources";

/** One object of the organization: its kind, id, the id `terraform import` and `pulumi import` take, and its state. */
export interface DiscoveredObject {
  kind: KindName;
  id: string;
  importId: string;
  state: Values;
  /** Secret keys the platform holds for it but never returns (an integration's tokens). */
  heldSecrets: string[];
  /** Written as code; false for an object read only for what it tells about others (narrowed to workspaces). */
  written: boolean;
}

export interface ReadOptions {
  /** `ORG-…` or the organization's slug. */
  organization: string;
  /** Only these workspaces (`WS-…` or slug), with their members and integrations. */
  workspaces?: readonly string[];
  /** Told the number of objects read so far, after each page. */
  progress?: (objects: number) => void;
}

/** What `--workspace` narrows to: workspaces, their members and their integrations. */
const ownedByWorkspace = (kind: KindName, state: Values) =>
  kind === "Workspace" || kind === "WorkspaceMember" || (kind === "Integration" && Boolean(state.workspaceId));

/** What the API shows in place of a write-only secret. */
const MASK = "********";

export async function readOrganization(client: ScrumsClient, options: ReadOptions): Promise<DiscoveredObject[]> {
  let read = 0;
  const all = async <Op extends ListOperationId>(operationId: Op, input: CallInput<Op>) => {
    const items: ListItem<Op>[] = [];
    for await (const item of client.paginate(operationId, input)) {
      items.push(item);
      if (++read % 100 === 0) options.progress?.(read);
    }
    return items;
  };

  const org = (await all("listOrganizations", {})).find(
    (candidate) =>
      candidate.status !== "closed" &&
      (candidate.id === options.organization || candidate.slug === options.organization),
  );
  if (!org) throw new Error(`no open organization "${options.organization}" is visible to this token`);
  const orgId = org.id;
  const narrowed = options.workspaces !== undefined && options.workspaces.length > 0;
  const workspaces = (await all("listWorkspaces", { query: { organization_id: orgId } })).filter(
    (ws) => ws.status === "active" && (!narrowed || options.workspaces!.some((w) => w === ws.id || w === ws.slug)),
  );
  if (narrowed) {
    const missing = options.workspaces!.filter((w) => !workspaces.some((ws) => ws.id === w || ws.slug === w));
    if (missing.length) throw new Error(`no active workspace ${missing.join(", ")} in ${org.slug} (${orgId})`);
  }
  const [members, domains, integrations, workspaceMembers] = await Promise.all([
    all("listMembers", { params: { org_id: orgId } }),
    all("listDomains", { params: { org_id: orgId } }),
    all("listIntegrations", { query: { organization_id: orgId } }),
    Promise.all(
      workspaces.map(async (ws) => ({ ws, members: await all("listWorkspaceMembers", { params: { ws_id: ws.id } }) })),
    ),
  ]);
  const workspaceIds = new Set(workspaces.map((ws) => ws.id));

  const objects: DiscoveredObject[] = [];
  const add = (kind: KindName, id: string, state: Values, importId = id, heldSecrets: string[] = []) =>
    objects.push({ kind, id, importId, state, heldSecrets, written: !narrowed || ownedByWorkspace(kind, state) });
  const stateOf = (kind: KindName, item: unknown) => stateFromApi(KINDS[kind].fields, item);

  add("Organization", orgId, stateOf("Organization", org));
  for (const ws of workspaces) add("Workspace", ws.id, stateOf("Workspace", ws));
  for (const member of members) {
    const state = { ...stateOf("OrganizationMember", member), organizationId: orgId };
    const id = compositeId(OrganizationMember, state);
    add("OrganizationMember", id, state, id);
  }
  for (const { ws, members: listed } of workspaceMembers) {
    for (const member of listed) {
      const state = { ...stateOf("WorkspaceMember", member), workspaceId: ws.id };
      const id = compositeId(WorkspaceMember, state);
      add("WorkspaceMember", id, state, id);
    }
  }
  for (const domain of domains) add("Domain", domain.id, stateOf("Domain", domain), `${orgId}/${domain.id}`);
  for (const integration of integrations) {
    if (integration.workspace_id !== null && !workspaceIds.has(integration.workspace_id)) continue;
    const held = Object.entries(integration.config)
      .filter(([, value]) => value === MASK)
      .map(([key]) => key);
    const state = asDeclared(stateOf("Integration", integration));
    add("Integration", integration.id, state, integration.id, held);
  }
  options.progress?.(read);
  return objects;
}
