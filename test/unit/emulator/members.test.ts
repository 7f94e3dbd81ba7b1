/** Organization members and invitations: email uniqueness, the last-owner guard, expiry and resend. */
import { RFC3339_UTC, USR_ID, expectError, unique, type Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();

const DAY_MS = 86_400_000;

describe("invitations", () => {
  test("an invitation's email is stored in lowercase", async () => {
    const org = await emu.fx.org();
    const local = unique("Mixed.Case");
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members`, {
      body: { email: `${local}@Example.COM`, role: "viewer", name: "Mixed Case" },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      email: `${local.toLowerCase()}@example.com`,
      role: "viewer",
      status: "invited",
      name: "Mixed Case",
    });
  });

  describe("a display name belongs to the tenant that wrote it", () => {
    const inviteNamed = (orgId: string, email: string, name?: string) =>
      emu.client.api("POST", `/v1/orgs/${orgId}/members`, {
        body: { email, role: "viewer", ...(name ? { name } : {}) },
      });

    test("a name tenant B gave a user is not shown to tenant A, who invited the same address without one", async () => {
      const [a, b] = [await emu.fx.org(), await emu.fx.org()];
      const email = `${unique("carol")}@corp.example`;
      must(await inviteNamed(b.id, email, "Carol - acquisition target list owner"), 201, "B invites carol");
      const inA = await inviteNamed(a.id, email);
      expect(inA.status).toBe(201);
      expect(inA.body.data.name).toBeNull();
      expect(JSON.stringify(await emu.fx.all(`/v1/orgs/${a.id}/members`))).not.toContain("acquisition");
    });

    test("each tenant keeps the name it gave, in its members and its workspaces' members", async () => {
      const [a, b] = [await emu.fx.org(), await emu.fx.org()];
      const email = `${unique("dana")}@corp.example`;
      const inA = must(await inviteNamed(a.id, email, "Dana (A)"), 201, "A invites dana");
      must(await inviteNamed(b.id, email, "Dana (B)"), 201, "B invites dana");
      expect(
        must(await emu.client.api("GET", `/v1/orgs/${b.id}/members/${inA.user_id}`), 200, "B reads dana").name,
      ).toBe("Dana (B)");
      expect(
        must(await emu.client.api("GET", `/v1/orgs/${a.id}/members/${inA.user_id}`), 200, "A reads dana").name,
      ).toBe("Dana (A)");
      const wsB = await emu.fx.workspace(b.id);
      const added = await emu.client.api("POST", `/v1/workspaces/${wsB.id}/members`, {
        body: { user_id: inA.user_id, role: "viewer" },
      });
      expect(must(added, 201, "add dana to B's workspace").name).toBe("Dana (B)");
    });
  });

  test("inviting an email already in the organization is refused with 409 email_taken", async () => {
    const org = await emu.fx.org();
    const email = `${unique("dup")}@example.com`;
    await emu.fx.invite(org.id, "viewer", email);
    expectError(
      await emu.client.api("POST", `/v1/orgs/${org.id}/members`, { body: { email, role: "admin" } }),
      409,
      "email_taken",
    );
  });

  test("email uniqueness ignores case", async () => {
    const org = await emu.fx.org();
    const email = `${unique("case")}@example.com`;
    await emu.fx.invite(org.id, "viewer", email);
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members`, {
      body: { email: email.toUpperCase(), role: "viewer" },
    });
    expectError(res, 409, "email_taken");
    const members = await emu.fx.all(`/v1/orgs/${org.id}/members`);
    expect(members.filter((m) => m.email === email)).toHaveLength(1);
  });

  test("the owner's own email counts as taken", async () => {
    const org = await emu.fx.org();
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members`, {
      body: { email: "ADMIN@emulator.scrums.dev", role: "viewer" },
    });
    expectError(res, 409, "email_taken");
  });

  test("the same email may be invited to two organizations, and is the same user in both", async () => {
    const email = `${unique("twice")}@example.com`;
    const a = await emu.fx.invite((await emu.fx.org()).id, "viewer", email);
    const b = await emu.fx.invite((await emu.fx.org()).id, "admin", email);
    expect(a.user_id).toMatch(USR_ID);
    expect(b.user_id).toBe(a.user_id);
  });

  test("bulk invite answers per item: created members and the duplicates' errors", async () => {
    const org = await emu.fx.org();
    const taken = (await emu.fx.invite(org.id, "viewer")).email;
    const fresh = `${unique("bulk")}@example.com`;
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members/bulk`, {
      body: {
        invitations: [
          { email: fresh, role: "billing" },
          { email: taken, role: "viewer" },
          { email: fresh.toUpperCase(), role: "viewer" },
        ],
      },
    });
    expect(res.status).toBe(200);
    const [created, dupOfExisting, dupInBatch] = res.body.data;
    expect(res.body.data).toHaveLength(3);
    expect(created).toMatchObject({
      email: fresh,
      status: "created",
      member: { email: fresh, role: "billing", status: "invited" },
    });
    expect(created.member.user_id).toMatch(USR_ID);
    expect(dupOfExisting).toMatchObject({ email: taken, status: "error", error: { code: "email_taken" } });
    expect(dupInBatch).toMatchObject({ status: "error", error: { code: "email_taken" } });
    expect(typeof dupOfExisting.error.message).toBe("string");
  });

  test("bulk invite refuses more than 100 invitations with 422 validation_failed and creates none", async () => {
    const org = await emu.fx.org();
    const invitations = Array.from({ length: 101 }, (_, i) => ({
      email: `over${i}-${unique("b")}@example.com`,
      role: "viewer",
    }));
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members/bulk`, { body: { invitations } });
    expectError(res, 422, "validation_failed");
    expect(res.body.error.details.map((d: Json) => d.field)).toContain("invitations");
    expect(await emu.fx.all(`/v1/orgs/${org.id}/members`)).toHaveLength(1);
  });
});

describe("the last-owner guard", () => {
  test("demoting the only owner is refused with 409 last_owner", async () => {
    const org = await emu.fx.org();
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${emu.client.userId}`, {
      body: { role: "admin" },
    });
    expectError(res, 409, "last_owner");
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}/members/${emu.client.userId}`)).body.data.role).toBe(
      "owner",
    );
  });

  test("removing the only owner is refused with 409 last_owner", async () => {
    const org = await emu.fx.org();
    expectError(await emu.client.api("DELETE", `/v1/orgs/${org.id}/members/${emu.client.userId}`), 409, "last_owner");
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}/members/${emu.client.userId}`)).status).toBe(200);
  });

  test("an invited owner who has not joined does not count as another owner", async () => {
    const org = await emu.fx.org();
    await emu.fx.invite(org.id, "owner");
    expectError(
      await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${emu.client.userId}`, { body: { role: "admin" } }),
      409,
      "last_owner",
    );
    expectError(await emu.client.api("DELETE", `/v1/orgs/${org.id}/members/${emu.client.userId}`), 409, "last_owner");
  });

  test("with a second active owner, an owner can be demoted and then the other cannot", async () => {
    const org = await emu.fx.org();
    const second = await emu.fx.member(org.id, "owner");
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${emu.client.userId}`, {
      body: { role: "admin" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ user_id: emu.client.userId, role: "admin", status: "active" });
    expectError(
      await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${second.userId}`, { body: { role: "viewer" } }),
      409,
      "last_owner",
    );
  });

  test("with a second active owner, an owner can be removed", async () => {
    const org = await emu.fx.org();
    const second = await emu.fx.member(org.id, "owner");
    const res = await emu.client.api("DELETE", `/v1/orgs/${org.id}/members/${second.userId}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expectError(await emu.client.api("GET", `/v1/orgs/${org.id}/members/${second.userId}`), 404, "not_found");
  });
});

describe("roles and removal", () => {
  test("PATCH changes a member's role and answers the member", async () => {
    const org = await emu.fx.org();
    const invited = await emu.fx.invite(org.id, "viewer");
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${invited.user_id}`, {
      body: { role: "billing" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ...invited, role: "billing" });
  });

  test("a list read before a change shows the change when read again", async () => {
    const org = await emu.fx.org();
    const invited = await emu.fx.invite(org.id, "viewer");
    const listed = async () =>
      (await emu.fx.all(`/v1/orgs/${org.id}/members`)).find((m) => m.user_id === invited.user_id);
    expect(await listed()).toEqual(invited);
    must(
      await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${invited.user_id}`, { body: { role: "billing" } }),
      200,
      "role change",
    );
    expect(await listed()).toEqual({ ...invited, role: "billing" });
  });

  test("removing a member also removes their workspace memberships", async () => {
    const org = await emu.fx.org();
    const ws = await emu.fx.workspace(org.id);
    const member = await emu.fx.member(org.id, "admin");
    must(
      await emu.client.api("POST", `/v1/workspaces/${ws.id}/members`, {
        body: { user_id: member.userId, role: "member" },
      }),
      201,
      "add to ws",
    );
    expect(await emu.client.api("DELETE", `/v1/orgs/${org.id}/members/${member.userId}`)).toMatchObject({
      status: 204,
    });
    const members = await emu.fx.all(`/v1/workspaces/${ws.id}/members`);
    expect(members.map((m) => m.user_id)).toEqual([emu.client.userId]);
    expect((await emu.client.api("GET", `/v1/workspaces/${ws.id}`)).body.data.member_count).toBe(1);
  });

  test("a removed member's email can be invited again", async () => {
    const org = await emu.fx.org();
    const invited = await emu.fx.invite(org.id, "viewer");
    expect((await emu.client.api("DELETE", `/v1/orgs/${org.id}/members/${invited.user_id}`)).status).toBe(204);
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members`, {
      body: { email: invited.email, role: "viewer" },
    });
    expect(res.status).toBe(201);
  });

  test("a member of another organization is not found under this one", async () => {
    const org = await emu.fx.org();
    const other = await emu.fx.invite((await emu.fx.org()).id, "viewer");
    expectError(await emu.client.api("GET", `/v1/orgs/${org.id}/members/${other.user_id}`), 404, "not_found");
    expectError(
      await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${other.user_id}`, { body: { role: "admin" } }),
      404,
      "not_found",
    );
  });
});

describe("invitation expiry and resend", () => {
  let org: Json;
  let pending: Json;
  let joined: Json;
  let now: string;

  beforeAll(async () => {
    org = await emu.fx.org();
    pending = await emu.fx.invite(org.id, "viewer");
    joined = await emu.fx.member(org.id, "billing");
    const clock = must(
      await emu.client.control("POST", "/clock", { seconds: 8 * 86_400 }),
      200,
      "advance the clock 8 days",
    );
    now = clock.now;
  });

  test("the clock control answers the emulator's new time, 8 days ahead", () => {
    expect(now).toMatch(RFC3339_UTC);
    expect(Date.parse(now) - Date.now()).toBeGreaterThan(8 * DAY_MS - 60_000);
  });

  test("after 8 days an invitation still reads invited, with expires_at in the past", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members/${pending.user_id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(pending);
    expect(Date.parse(res.body.data.expires_at)).toBeLessThan(Date.parse(now));
  });

  test("accepting an expired invitation through the control API is refused with 409", async () => {
    const res = await emu.client.control("POST", "/invitations/accept", {
      organization_id: org.id,
      user_id: pending.user_id,
    });
    expectError(res, 409, "invitation_expired");
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}/members/${pending.user_id}`)).body.data.status).toBe(
      "invited",
    );
  });

  test("resend renews the invitation for 7 days from now", async () => {
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members/${pending.user_id}/resend`);
    expect(res.status).toBe(200);
    const renewed = res.body.data;
    expect(renewed).toMatchObject({
      user_id: pending.user_id,
      email: pending.email,
      role: "viewer",
      status: "invited",
      joined_at: null,
    });
    expect(Date.parse(renewed.invited_at)).toBeGreaterThanOrEqual(Date.parse(now));
    expect(Date.parse(renewed.expires_at) - Date.parse(renewed.invited_at)).toBe(7 * DAY_MS);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}/members/${pending.user_id}`)).body.data).toEqual(renewed);
  });

  test("a renewed invitation can be accepted", async () => {
    const res = await emu.client.control("POST", "/invitations/accept", {
      organization_id: org.id,
      user_id: pending.user_id,
    });
    expect(res.status).toBe(200);
    const member = (await emu.client.api("GET", `/v1/orgs/${org.id}/members/${pending.user_id}`)).body.data;
    expect(member).toMatchObject({ status: "active", expires_at: null });
    expect(Date.parse(member.joined_at)).toBeGreaterThanOrEqual(Date.parse(now));
  });

  test("resending to a member who already joined is refused with 409 already_joined", async () => {
    expectError(
      await emu.client.api("POST", `/v1/orgs/${org.id}/members/${joined.userId}/resend`),
      409,
      "already_joined",
    );
  });

  test("resending to a user who is not a member answers 404", async () => {
    const stranger = await emu.fx.invite((await emu.fx.org()).id, "viewer");
    expectError(
      await emu.client.api("POST", `/v1/orgs/${org.id}/members/${stranger.user_id}/resend`),
      404,
      "not_found",
    );
  });
});
