import { OrganizationMember as MemberObject } from "../model/api";
import { apiBody, compositeId, OrganizationMember, type Values } from "../model/resources";
import type { EngineContext } from "./context";
import {
  type Applied, appliedState, createOnce, createOrAdopt, deleteIfPresent, type Handler, orNull, refreshedState, splitImportId,
} from "./handler";

const kind = OrganizationMember;
const membersPath = (orgId: string) => `/v1/orgs/${orgId}/members`;
const memberPath = (orgId: string, userId: string) => `${membersPath(orgId)}/${userId}`;

type Member = ReturnType<typeof MemberObject.parse>;

/** The member's state, judging an invitation's expiry by the platform's clock. */
const withExpiry = (state: Values, member: Member, platformNow: Date): Values => ({
  ...state,
  invitationExpired: member.status === "invited" && member.expires_at !== null && Date.parse(member.expires_at) <= platformNow.getTime(),
});

const applied = (orgId: string, member: Member, declared: Values, now: Date): Applied => ({
  id: compositeId(kind, { organizationId: orgId, userId: member.user_id }),
  state: withExpiry({ ...appliedState(kind, member, declared), organizationId: orgId }, member, now),
});

const findByEmail = (ctx: EngineContext, orgId: string, email: string) =>
  ctx.collections.find(membersPath(orgId), MemberObject, {}, (member) => member.email === email.toLowerCase());

export const organizationMemberHandler: Handler = {
  kind,
  advice: {
    last_owner: "An organization keeps at least one active owner: make another member owner first, or set deletionPolicy: \"retain\".",
    organization_closed: "The organization is closed.",
  },
  create(ctx, declared) {
    const orgId = String(declared.organizationId);
    return createOrAdopt(
      declared,
      "email_taken",
      async () => {
        const body = apiBody(kind.fields, declared, ["email", "role"]);
        const response = await createOnce(ctx, membersPath(orgId), MemberObject, body, (member) => memberPath(orgId, member.user_id));
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
    const listed = await orNull(ctx.collections.get(membersPath(orgId), MemberObject, {}, (member) => member.user_id, userId));
    return listed && { id, state: withExpiry(refreshedState(kind, listed.item, state), listed.item, listed.date) };
  },
  async update(ctx, id, state, declared, changed) {
    const [orgId, userId] = splitImportId(id, "ORG-…/USR-…");
    let response = changed.includes("role")
      ? await ctx.client.send("PATCH", memberPath(orgId, userId), MemberObject, { body: apiBody(kind.fields, declared, ["role"]) })
      : undefined;
    if (changed.includes("invitation")) {
      response = await ctx.client.send("POST", `${memberPath(orgId, userId)}/resend`, MemberObject);
    }
    response ??= await ctx.client.send("GET", memberPath(orgId, userId), MemberObject);
    return applied(orgId, response.data, { ...state, ...declared }, response.date).state;
  },
  pendingWork: (state, declared) =>
    state.invitationExpired === true && declared.resendExpiredInvitation === true ? ["invitation"] : [],
  async delete(ctx, id) {
    const [orgId, userId] = splitImportId(id, "ORG-…/USR-…");
    await deleteIfPresent(ctx.client.send("DELETE", memberPath(orgId, userId), null));
  },
  async import(ctx, importId) {
    const [orgId, who] = splitImportId(importId, "ORG-…/<email> or ORG-…/USR-…");
    if (who.includes("@")) {
      const found = await findByEmail(ctx, orgId, who);
      return found && applied(orgId, found.item, {}, found.date);
    }
    const response = await orNull(ctx.client.send("GET", memberPath(orgId, who), MemberObject));
    return response && applied(orgId, response.data, {}, response.date);
  },
};
