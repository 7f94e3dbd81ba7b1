import {
  compositeId,
  createBody,
  OrganizationMember,
  organizationRoleOf,
  stateFromApi,
  updateBody,
  WorkspaceMember,
} from "../model/resources";
import type { EngineContext } from "./context";
import {
  appliedState,
  createOnce,
  createOrAdopt,
  deleteIfPresent,
  type Handler,
  orNull,
  refreshedState,
  splitImportId,
} from "./handler";

const kind = WorkspaceMember;
const memberParams = (wsId: string, userId: string) => ({ params: { ws_id: wsId, user_id: userId } });
const getMember = (ctx: EngineContext, wsId: string, userId: string) =>
  ctx.client.call("getWorkspaceMember", memberParams(wsId, userId));
const FORM = "WS-…/USR-…";

export const workspaceMemberHandler: Handler = {
  kind,
  advice: {
    not_an_org_member: "Invite the user to the organization first (an OrganizationMember), and pass its userId.",
    role_exceeds_org_role:
      "Owners and admins may be workspace admins, billing members at most member, viewers only viewer.",
    workspace_archived: "The workspace is archived.",
  },
  create(ctx, declared) {
    const wsId = String(declared.workspaceId);
    const userId = String(declared.userId);
    const appliedOf = (member: unknown) => ({
      id: compositeId(kind, declared),
      state: { ...appliedState(kind, member, declared), workspaceId: wsId },
    });
    return createOrAdopt(
      declared,
      "already_a_member",
      async () => {
        const input = { params: { ws_id: wsId }, body: createBody(kind, declared) };
        return appliedOf(
          (await createOnce(ctx, "addWorkspaceMember", input, (member) => getMember(ctx, wsId, member.user_id))).data,
        );
      },
      async () => appliedOf((await getMember(ctx, wsId, userId)).data),
      `a membership of ${userId} in ${wsId}`,
    );
  },
  async read(ctx, id, state) {
    const [wsId, userId] = splitImportId(id, FORM);
    const listed = await orNull(
      ctx.collections.get("listWorkspaceMembers", { params: { ws_id: wsId } }, (member) => member.user_id, userId),
    );
    return listed && { id, state: refreshedState(kind, listed.item, state) };
  },
  async update(ctx, id, _state, declared, changed) {
    const [wsId, userId] = splitImportId(id, FORM);
    const member = (
      await ctx.client.call("updateWorkspaceMember", {
        ...memberParams(wsId, userId),
        body: updateBody(kind, declared, changed),
      })
    ).data;
    return { ...appliedState(kind, member, declared), workspaceId: wsId };
  },
  async delete(ctx, id) {
    const [wsId, userId] = splitImportId(id, FORM);
    await deleteIfPresent(ctx.client.call("removeWorkspaceMember", memberParams(wsId, userId)));
  },
  async contextOf(ctx, imported) {
    const workspace = (await ctx.client.call("getWorkspace", { params: { ws_id: String(imported.state.workspaceId) } }))
      .data;
    const members = await ctx.collections.all("listMembers", { params: { org_id: workspace.organization_id } });
    const role = organizationRoleOf(
      members.items.map((member) => stateFromApi(OrganizationMember.fields, member)),
      imported.state.userId,
    );
    return role ? { organizationRole: role } : {};
  },
  async import(ctx, importId) {
    const [wsId, userId] = splitImportId(importId, FORM);
    const response = await orNull(getMember(ctx, wsId, userId));
    return response && { id: importId, state: { ...appliedState(kind, response.data, {}), workspaceId: wsId } };
  },
};
