import type { OrganizationMember as MemberObject } from "../model/api";
import { compositeId, createBody, OrganizationMember, updateBody, type Values } from "../model/resources";
import type { EngineContext } from "./context";
import {
  type Applied,
  appliedState,
  createOnce,
  createOrAdopt,
  deleteIfPresent,
  type Handler,
  orNull,
  refreshedState,
  splitImportId,
} from "./handler";

const kind = OrganizationMember;
const memberParams = (orgId: string, userId: string) => ({ params: { org_id: orgId, user_id: userId } });
const getMember = (ctx: EngineContext, orgId: string, userId: string) =>
  ctx.client.call("getMember", memberParams(orgId, userId));

type Member = ReturnType<typeof MemberObject.parse>;

/** The member's state, judging an invitation's expiry by the platform's clock. */
const withExpiry = (state: Values, member: Member, platformNow: Date): Values => ({
  ...state,
  invitationExpired:
    member.status === "invited" && member.expires_at !== null && Date.parse(member.expires_at) <= platformNow.getTime(),
});

const applied = (orgId: string, member: Member, declared: Values, now: Date): Applied => ({
  id: compositeId(kind, { organizationId: orgId, userId: member.user_id }),
  state: withExpiry({ ...appliedState(kind, member, declared), organizationId: orgId }, member, now),
});

const findByEmail = (ctx: EngineContext, orgId: string, email: string) =>
  ctx.collections.find("listMembers", { params: { org_id: orgId } }, (member) => member.email === email.toLowerCase());

export const organizationMemberHandler: Handler = {
  kind,
  advice: {
    last_owner:
      'An organization keeps at least one active owner: make another member owner first, or set deletionPolicy: "retain".',
    organization_closed: "The organization is closed.",
  },
  create(ctx, declared) {
    const orgId = String(declared.organizationId);
    return createOrAdopt(
      declared,
      "email_taken",
      async () => {
        const input = { params: { org_id: orgId }, body: createBody(kind, declared) };
        const response = await createOnce(ctx, "inviteMember", input, (member) =>
          getMember(ctx, orgId, member.user_id),
        );
        return applied(orgId, response.data, declared, response.date);
      },
      async () => {
        const found = await findByEmail(ctx, orgId, String(declared.email));
        return found && applied(orgId, found.item, declared, found.date);
      },
      `a member with email ${String(declared.email)} in ${orgId}`,
    );
  },
  async read(ctx, id, state) {
    const [orgId, userId] = splitImportId(id, "ORG-…/USR-…");
    const listed = await orNull(
      ctx.collections.get("listMembers", { params: { org_id: orgId } }, (member) => member.user_id, userId),
    );
    return listed && { id, state: withExpiry(refreshedState(kind, listed.item, state), listed.item, listed.date) };
  },
  async update(ctx, id, state, declared, changed) {
    const [orgId, userId] = splitImportId(id, "ORG-…/USR-…");
    const body = updateBody(kind, declared, changed);
    let response = Object.keys(body).length
      ? await ctx.client.call("updateMember", { ...memberParams(orgId, userId), body })
      : undefined;
    if (changed.includes("invitation"))
      response = await ctx.client.call("resendInvitation", memberParams(orgId, userId));
    response ??= await getMember(ctx, orgId, userId);
    return applied(orgId, response.data, { ...state, ...declared }, response.date).state;
  },
  pendingWork: (state, declared) =>
    state.invitationExpired === true && declared.resendExpiredInvitation === true ? ["invitation"] : [],
  async delete(ctx, id) {
    const [orgId, userId] = splitImportId(id, "ORG-…/USR-…");
    await deleteIfPresent(ctx.client.call("removeMember", memberParams(orgId, userId)));
  },
  async import(ctx, importId) {
    const [orgId, who] = splitImportId(importId, "ORG-…/<email> or ORG-…/USR-…");
    if (who.includes("@")) {
      const found = await findByEmail(ctx, orgId, who);
      return found && applied(orgId, found.item, {}, found.date);
    }
    const response = await orNull(getMember(ctx, orgId, who));
    return response && applied(orgId, response.data, {}, response.date);
  },
};
