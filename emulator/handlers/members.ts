import type { z } from "zod";
import {
  BULK_INVITE_MAX,
  INVITATION_TTL_DAYS,
  WORKSPACE_ROLE_CEILING,
  workspaceRoleAllowed,
  type BulkInvite,
  type InviteMember,
  type PageQuery,
  type UpdateMember,
} from "../../provider/model/api";
import { checkIfMatch, decodeCursor, serializedListReply, serializedOnce, type Call, type Handler } from "../call";
import { addDays } from "../clock";
import { ApiError, conflict, notFound } from "../errors";
import type { OrgMemberRecord, WorkspaceMemberRecord, WorkspaceRecord } from "../records-types";
import type { Stored } from "../store/records";
import type { World } from "../world";
import { requireOpen } from "./organizations";

type OrgParams = { org_id: string };
type MemberParams = { org_id: string; user_id: string };

export function serializeMember(world: World, member: OrgMemberRecord) {
  const user = world.user(member.user_id)!;
  return {
    user_id: member.user_id,
    name: member.name,
    email: user.email,
    role: member.role,
    status: member.status,
    invited_at: member.invited_at,
    expires_at: member.expires_at,
    joined_at: member.joined_at,
  };
}

/** A member's answer depends on nothing else that changes: a user's email never does. */
const memberText = serializedOnce((member: OrgMemberRecord, world: World) => serializeMember(world, member));

function findMember(world: World, orgId: string, userId: string): Stored<OrgMemberRecord> {
  const member = world.records.get<OrgMemberRecord>("org_member", `${orgId}/${userId}`);
  if (!member) throw notFound(`Member ${userId} of ${orgId}`);
  return member;
}

const listMembers: Handler = ({ world, access, params, query }: Call<OrgParams, z.infer<typeof PageQuery>>) => {
  access.organization(params.org_id, "read");
  return serializedListReply(
    world.records.page<OrgMemberRecord>("org_member", params.org_id, decodeCursor(query.cursor), query.limit),
    (member) => memberText(member, world),
  );
};

function invite(world: World, orgId: string, input: z.infer<typeof InviteMember>): OrgMemberRecord {
  const existing = world.userWithEmail(input.email);
  if (existing && world.records.get("org_member", `${orgId}/${existing.id}`)) {
    throw conflict("email_taken", `${existing.email} is already a member of ${orgId}`);
  }
  const user = existing ?? world.addUser(input.email);
  const now = world.clock.iso();
  const member: OrgMemberRecord = {
    organization_id: orgId,
    user_id: user.id,
    name: input.name ?? null,
    role: input.role,
    status: "invited",
    invited_at: now,
    expires_at: addDays(now, INVITATION_TTL_DAYS),
    joined_at: null,
  };
  world.records.insert("org_member", `${orgId}/${user.id}`, orgId, member);
  return member;
}

const inviteMember: Handler = ({
  world,
  access,
  params,
  body,
}: Call<OrgParams, object, z.infer<typeof InviteMember>>) => {
  requireOpen(access.organization(params.org_id, body.role === "owner" ? "owner" : "write").body);
  return { status: 201, data: serializeMember(world, invite(world, params.org_id, body)) };
};

const bulkInviteMembers: Handler = ({
  world,
  access,
  params,
  body,
}: Call<OrgParams, object, z.infer<typeof BulkInvite>>) => {
  const invitesOwner = body.invitations.some((item) => item.role === "owner");
  requireOpen(access.organization(params.org_id, invitesOwner ? "owner" : "write").body);
  const results = body.invitations.slice(0, BULK_INVITE_MAX).map((item) => {
    try {
      return {
        email: item.email,
        status: "created" as const,
        member: serializeMember(world, invite(world, params.org_id, item)),
      };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { email: item.email, status: "error" as const, error: { code: error.code, message: error.message } };
    }
  });
  return { data: results };
};

const getMember: Handler = ({ world, access, params }: Call<MemberParams>) => {
  access.organization(params.org_id, "read");
  return { data: serializeMember(world, findMember(world, params.org_id, params.user_id).body) };
};

/** Refuses a change that would leave the organization without an active owner. */
function guardLastOwner(world: World, member: OrgMemberRecord): void {
  if (member.role !== "owner" || member.status !== "active") return;
  const owners = [...world.records.all<OrgMemberRecord>("org_member", member.organization_id)].filter(
    (m) => m.body.role === "owner" && m.body.status === "active",
  );
  if (owners.length <= 1) {
    throw conflict(
      "last_owner",
      `${member.user_id} is the last active owner of ${member.organization_id}; make another owner first`,
    );
  }
}

const updateMember: Handler = (call: Call<MemberParams, object, z.infer<typeof UpdateMember>>) => {
  const { world, access, params, body } = call;
  access.organization(params.org_id, body.role === "owner" ? "owner" : "write");
  const member = findMember(world, params.org_id, params.user_id).body;
  checkIfMatch(call, serializeMember(world, member));
  if (member.role === body.role) return { data: serializeMember(world, member) };
  guardLastOwner(world, member);
  const updated = { ...member, role: body.role };
  world.records.update("org_member", `${params.org_id}/${params.user_id}`, updated);
  lowerWorkspaceRoles(world, updated);
  return { data: serializeMember(world, updated) };
};

/** A demotion caps the member's workspace roles at what the new organization role allows. */
function lowerWorkspaceRoles(world: World, member: OrgMemberRecord): void {
  for (const ws of world.records.all<WorkspaceRecord>("workspace", member.organization_id)) {
    const key = `${ws.id}/${member.user_id}`;
    const wsMember = world.records.get<WorkspaceMemberRecord>("ws_member", key)?.body;
    if (wsMember && !workspaceRoleAllowed(member.role, wsMember.role)) {
      world.records.update("ws_member", key, { ...wsMember, role: WORKSPACE_ROLE_CEILING[member.role] });
    }
  }
}

const removeMember: Handler = ({ world, access, params }: Call<MemberParams>) => {
  access.organization(params.org_id, "write");
  const member = findMember(world, params.org_id, params.user_id).body;
  guardLastOwner(world, member);
  world.records.remove("org_member", `${params.org_id}/${params.user_id}`);
  for (const ws of world.records.all<WorkspaceRecord>("workspace", params.org_id)) {
    if (world.records.get<WorkspaceMemberRecord>("ws_member", `${ws.id}/${params.user_id}`)) {
      world.records.remove("ws_member", `${ws.id}/${params.user_id}`);
    }
  }
  return { status: 204 };
};

const resendInvitation: Handler = ({ world, access, params }: Call<MemberParams>) => {
  access.organization(params.org_id, "write");
  const member = findMember(world, params.org_id, params.user_id).body;
  if (member.status === "active") throw conflict("already_joined", `${params.user_id} already joined ${params.org_id}`);
  const now = world.clock.iso();
  const renewed = { ...member, invited_at: now, expires_at: addDays(now, INVITATION_TTL_DAYS) };
  world.records.update("org_member", `${params.org_id}/${params.user_id}`, renewed);
  return { data: serializeMember(world, renewed) };
};

export const memberHandlers: Record<string, Handler> = {
  listMembers,
  inviteMember,
  bulkInviteMembers,
  getMember,
  updateMember,
  removeMember,
  resendInvitation,
};
