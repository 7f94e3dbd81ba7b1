import { WorkspaceMember as MemberObject } from "../model/api";
import { apiBody, compositeId, WorkspaceMember } from "../model/resources";
import { appliedState, createOnce, createOrAdopt, deleteIfPresent, type Handler, orNull, refreshedState, splitImportId } from "./handler";

const kind = WorkspaceMember;
const membersPath = (wsId: string) => `/v1/workspaces/${wsId}/members`;
const memberPath = (wsId: string, userId: string) => `${membersPath(wsId)}/${userId}`;
const FORM = "WS-…/USR-…";

export const workspaceMemberHandler: Handler = {
  kind,
  advice: {
    not_an_org_member: "Invite the user to the organization first (an OrganizationMember), and pass its userId.",
    role_exceeds_org_role: "Owners and admins may be workspace admins, billing members at most member, viewers only viewer.",
    workspace_archived: "The workspace is archived.",
  },
  create(ctx, declared) {
    const wsId = String(declared.workspaceId);
    const userId = String(declared.userId);
    const appliedOf = (member: unknown) => ({ id: compositeId(kind, declared), state: { ...appliedState(kind, member, declared), workspaceId: wsId } });
    return createOrAdopt(
      declared,
      "already_a_member",
      async () => {
        const body = apiBody(kind.fields, declared, ["userId", "role"]);
        return appliedOf((await createOnce(ctx, membersPath(wsId), MemberObject, body, (member) => memberPath(wsId, member.user_id))).data);
      },
      async () => appliedOf((await ctx.client.send("GET", memberPath(wsId, userId), MemberObject)).data),
      `a membership of ${userId} in ${wsId}`,
    );
  },
  async read(ctx, id, state) {
    const [wsId, userId] = splitImportId(id, FORM);
    const listed = await orNull(ctx.collections.get(membersPath(wsId), MemberObject, {}, (member) => member.user_id, userId));
    return listed && { id, state: refreshedState(kind, listed.item, state) };
  },
  async update(ctx, id, _state, declared) {
    const [wsId, userId] = splitImportId(id, FORM);
    const member = (await ctx.client.send("PATCH", memberPath(wsId, userId), MemberObject, { body: apiBody(kind.fields, declared, ["role"]) })).data;
    return { ...appliedState(kind, member, declared), workspaceId: wsId };
  },
  async delete(ctx, id) {
    const [wsId, userId] = splitImportId(id, FORM);
    await deleteIfPresent(ctx.client.send("DELETE", memberPath(wsId, userId), null));
  },
  async import(ctx, importId) {
    const [wsId, userId] = splitImportId(importId, FORM);
    const response = await orNull(ctx.client.send("GET", memberPath(wsId, userId), MemberObject));
    return response && { id: importId, state: { ...appliedState(kind, response.data, {}), workspaceId: wsId } };
  },
};
