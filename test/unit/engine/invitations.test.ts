/**
 * Invitations on the platform's clock: an expired invitation shows in state without churning the
 * plan, and is sent again only when the declaration asks for it. The emulator's clock moves forward
 * in this file, so it has its own emulator.
 */
import type { Values } from "../../../provider/model/resources";
import { unique } from "../../support/emulator-client";
import { must } from "../../support/emulator-fixtures";
import { changesOf, declare, useEngine } from "../../support/engine-fixtures";

const t = useEngine();
const DAY_S = 86_400;

const advanceDays = async (days: number) =>
  must(await t.emu.client.control("POST", "/clock", { seconds: days * DAY_S }), 200, "advance the clock");

test("an expired invitation shows in state, changes nothing unless resendExpiredInvitation is set, and is then resent", async () => {
  const orgId = (await t.emu.fx.org()).id as string;
  const declared = declare("OrganizationMember", {
    organizationId: orgId,
    email: `${unique("late")}@example.com`,
    role: "admin",
  });
  const invited = await t.engine.create("OrganizationMember", declared);
  expect(invited.state).toMatchObject({ status: "invited", invitationExpired: false, joinedAt: null });
  const firstExpiry = Date.parse(String(invited.state.expiresAt));
  expect(firstExpiry).toBeGreaterThan(Date.parse(String(invited.state.invitedAt)));

  await advanceDays(8);
  const read = await t.engine.read("OrganizationMember", invited.id, invited.state);
  expect(read?.state).toMatchObject({ status: "invited", invitationExpired: true });
  expect(changesOf("OrganizationMember", read!.state, declared)).toEqual([]);

  const resend = declare("OrganizationMember", { ...declared, resendExpiredInvitation: true });
  expect(changesOf("OrganizationMember", read!.state, resend)).toEqual(["resendExpiredInvitation", "invitation"]);
  const resent = await t.engine.update("OrganizationMember", invited.id, read!.state, resend);
  expect(resent).toMatchObject({ status: "invited", invitationExpired: false, resendExpiredInvitation: true });
  expect(Date.parse(String(resent.expiresAt))).toBeGreaterThan(firstExpiry + 7 * DAY_S * 1000);
  expect(changesOf("OrganizationMember", resent, resend)).toEqual([]);
  const [, userId] = invited.id.split("/");
  const member = must(await t.emu.client.api("GET", `/v1/orgs/${orgId}/members/${userId}`), 200, "read the member");
  expect(member.expires_at).toBe(resent.expiresAt);

  // Expiring again, a declaration that already asks for resending only needs the invitation sent.
  await advanceDays(8);
  const again = await t.engine.read("OrganizationMember", invited.id, resent);
  expect(again?.state.invitationExpired).toBe(true);
  expect(changesOf("OrganizationMember", again!.state, resend)).toEqual(["invitation"]);
});

test("an accepted invitation never expires", async () => {
  const orgId = (await t.emu.fx.org()).id as string;
  const declared: Values = declare("OrganizationMember", {
    organizationId: orgId,
    email: `${unique("joined")}@example.com`,
    role: "viewer",
    resendExpiredInvitation: true,
  });
  const invited = await t.engine.create("OrganizationMember", declared);
  must(
    await t.emu.client.control("POST", "/invitations/accept", {
      organization_id: orgId,
      user_id: invited.state.userId,
    }),
    200,
    "accept",
  );
  await advanceDays(8);
  const read = await t.engine.read("OrganizationMember", invited.id, invited.state);
  expect(read?.state).toMatchObject({ status: "active", invitationExpired: false, expiresAt: null });
  expect(changesOf("OrganizationMember", read!.state, declared)).toEqual([]);
});
