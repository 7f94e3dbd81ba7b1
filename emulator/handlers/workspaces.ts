import type { z } from "zod";
import {
  WORKSPACE_ROLE_CEILING,
  workspaceRoleAllowed,
  type AddWorkspaceMember,
  type CreateWorkspace,
  type PageQuery,
  type UpdateWorkspace,
  type UpdateWorkspaceMember,
  type WorkspaceRole,
} from "../../provider/model/api";
import { checkIfMatch, decodeCursor, listReply, type Call, type Handler } from "../call";
import { conflict, notFound, referenced, unprocessable } from "../errors";
import type { OrgMemberRecord, WorkspaceMemberRecord, WorkspaceRecord } from "../records-types";
import type { World } from "../world";
import { requireOpen } from "./organizations";

type WsParams = { ws_id: string };
type WsMemberParams = { ws_id: string; user_id: string };

export function serializeWorkspace(world: World, ws: WorkspaceRecord) {
  return {
    ...ws,
    member_count: activeMemberCount(world, ws),
    currency: ws.settings.default_currency,
  };
}

/** Members whose organization membership is active: invitees count once they join. */
function activeMemberCount(world: World, ws: WorkspaceRecord): number {
  let count = 0;
  for (const member of world.records.all<WorkspaceMemberRecord>("ws_member", ws.id)) {
    const orgMember = world.records.get<OrgMemberRecord>("org_member", `${ws.organization_id}/${member.body.user_id}`);
    if (orgMember?.body.status === "active") count += 1;
  }
  return count;
}

function requireActive(ws: WorkspaceRecord): void {
  if (ws.status === "archived") throw conflict("workspace_archived", `${ws.id} is archived`);
}

const listWorkspaces: Handler = ({
  world,
  access,
  query,
}: Call<object, z.infer<typeof PageQuery> & { organization_id?: string }>) =>
  listReply(
    world.records.pageWhere<WorkspaceRecord>(
      "workspace",
      query.organization_id,
      decodeCursor(query.cursor),
      query.limit,
      (ws) => access.listsWorkspace(ws.body),
    ),
    (ws) => serializeWorkspace(world, ws),
  );

const createWorkspace: Handler = ({ world, access, body }: Call<object, object, z.infer<typeof CreateWorkspace>>) => {
  const org = referenced(
    "organization_id",
    "organization_not_found",
    body.organization_id,
    () => access.organization(body.organization_id, "write").body,
  );
  requireOpen(org);
  if (world.indexed(`ws-slug:${org.id}/${body.slug}`)) {
    throw conflict("slug_taken", `${org.id} already has a workspace with the slug ${body.slug}`);
  }
  const now = world.clock.iso();
  const ws: WorkspaceRecord = {
    id: world.newId("workspace"),
    organization_id: org.id,
    name: body.name,
    slug: body.slug,
    status: "active",
    settings: {
      default_currency: body.settings?.default_currency ?? org.settings.default_currency,
      require_task_service_line: body.settings?.require_task_service_line ?? false,
    },
    active_service_lines: 0,
    health_score: 100,
    cost_mtd: 0,
    created_at: now,
    updated_at: now,
  };
  world.records.insert("workspace", ws.id, org.id, ws);
  world.index(`ws-slug:${org.id}/${ws.slug}`, ws.id);
  const creator: WorkspaceMemberRecord = { workspace_id: ws.id, user_id: access.userId, role: "admin", joined_at: now };
  world.records.insert("ws_member", `${ws.id}/${access.userId}`, ws.id, creator);
  return { status: 201, data: serializeWorkspace(world, ws) };
};

const getWorkspace: Handler = ({ world, access, params }: Call<WsParams>) => ({
  data: serializeWorkspace(world, access.workspace(params.ws_id, "read").body),
});

const updateWorkspace: Handler = (call: Call<WsParams, object, z.infer<typeof UpdateWorkspace>>) => {
  const { world, access, params, body } = call;
  const ws = access.workspace(params.ws_id, "write").body;
  checkIfMatch(call, serializeWorkspace(world, ws));
  for (const field of ["slug", "organization_id"] as const) {
    if (body[field] !== undefined && body[field] !== ws[field]) {
      throw unprocessable("immutable_field", `${field} cannot be changed after creation`, field);
    }
  }
  requireActive(ws);
  const updated: WorkspaceRecord = {
    ...ws,
    name: body.name ?? ws.name,
    settings: { ...ws.settings, ...body.settings },
    updated_at: world.clock.iso(),
  };
  world.records.update("workspace", ws.id, updated);
  return { data: serializeWorkspace(world, updated) };
};

const archiveWorkspace: Handler = ({ world, access, params }: Call<WsParams>) => {
  const ws = access.workspace(params.ws_id, "write").body;
  if (ws.active_service_lines > 0) {
    throw conflict(
      "active_service_lines",
      `${ws.id} has ${ws.active_service_lines} active Service Line(s); close them before archiving the workspace`,
    );
  }
  const archived: WorkspaceRecord =
    ws.status === "archived" ? ws : { ...ws, status: "archived", updated_at: world.clock.iso() };
  world.records.update("workspace", ws.id, archived);
  return { data: serializeWorkspace(world, archived) };
};

function serializeWorkspaceMember(world: World, orgId: string, member: WorkspaceMemberRecord) {
  const user = world.user(member.user_id)!;
  const orgMember = world.records.get<OrgMemberRecord>("org_member", `${orgId}/${member.user_id}`)?.body;
  return {
    user_id: member.user_id,
    name: orgMember?.name ?? null,
    email: user.email,
    role: member.role,
    status: orgMember?.status ?? "active",
    joined_at: member.joined_at,
  };
}

function checkCeiling(world: World, ws: WorkspaceRecord, userId: string, role: WorkspaceRole): void {
  const orgMember = world.records.get<OrgMemberRecord>("org_member", `${ws.organization_id}/${userId}`)?.body;
  if (!orgMember) {
    throw unprocessable("not_an_org_member", `${userId} must be a member of ${ws.organization_id} first`, "user_id");
  }
  if (!workspaceRoleAllowed(orgMember.role, role)) {
    throw unprocessable(
      "role_exceeds_org_role",
      `The workspace role ${role} exceeds what the organization role ${orgMember.role} allows (at most ${WORKSPACE_ROLE_CEILING[orgMember.role]})`,
      "role",
    );
  }
}

const listWorkspaceMembers: Handler = ({ world, access, params, query }: Call<WsParams, z.infer<typeof PageQuery>>) => {
  const ws = access.workspace(params.ws_id, "read").body;
  return listReply(
    world.records.page<WorkspaceMemberRecord>("ws_member", ws.id, decodeCursor(query.cursor), query.limit),
    (member) => serializeWorkspaceMember(world, ws.organization_id, member),
  );
};

const addWorkspaceMember: Handler = ({
  world,
  access,
  params,
  body,
}: Call<WsParams, object, z.infer<typeof AddWorkspaceMember>>) => {
  const ws = access.workspace(params.ws_id, "write").body;
  requireActive(ws);
  checkCeiling(world, ws, body.user_id, body.role);
  const key = `${ws.id}/${body.user_id}`;
  if (world.records.get("ws_member", key))
    throw conflict("already_a_member", `${body.user_id} is already a member of ${ws.id}`);
  const member: WorkspaceMemberRecord = {
    workspace_id: ws.id,
    user_id: body.user_id,
    role: body.role,
    joined_at: world.clock.iso(),
  };
  world.records.insert("ws_member", key, ws.id, member);
  return { status: 201, data: serializeWorkspaceMember(world, ws.organization_id, member) };
};

function findWorkspaceMember(world: World, wsId: string, userId: string) {
  const member = world.records.get<WorkspaceMemberRecord>("ws_member", `${wsId}/${userId}`);
  if (!member) throw notFound(`Member ${userId} of ${wsId}`);
  return member.body;
}

const getWorkspaceMember: Handler = ({ world, access, params }: Call<WsMemberParams>) => {
  const ws = access.workspace(params.ws_id, "read").body;
  return {
    data: serializeWorkspaceMember(world, ws.organization_id, findWorkspaceMember(world, ws.id, params.user_id)),
  };
};

const updateWorkspaceMember: Handler = (call: Call<WsMemberParams, object, z.infer<typeof UpdateWorkspaceMember>>) => {
  const { world, access, params, body } = call;
  const ws = access.workspace(params.ws_id, "write").body;
  const member = findWorkspaceMember(world, ws.id, params.user_id);
  checkIfMatch(call, serializeWorkspaceMember(world, ws.organization_id, member));
  checkCeiling(world, ws, params.user_id, body.role);
  const updated = { ...member, role: body.role };
  world.records.update("ws_member", `${ws.id}/${params.user_id}`, updated);
  return { data: serializeWorkspaceMember(world, ws.organization_id, updated) };
};

const removeWorkspaceMember: Handler = ({ world, access, params }: Call<WsMemberParams>) => {
  const ws = access.workspace(params.ws_id, "write").body;
  findWorkspaceMember(world, ws.id, params.user_id);
  world.records.remove("ws_member", `${ws.id}/${params.user_id}`);
  return { status: 204 };
};

export const workspaceHandlers: Record<string, Handler> = {
  listWorkspaces,
  createWorkspace,
  getWorkspace,
  updateWorkspace,
  archiveWorkspace,
  listWorkspaceMembers,
  addWorkspaceMember,
  getWorkspaceMember,
  updateWorkspaceMember,
  removeWorkspaceMember,
};
