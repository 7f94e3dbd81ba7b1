/**
 * Reads within one run: a refresh of many objects costs the pages of their collections, not a GET
 * per object; concurrent readers share one list; a write drops what the run listed under it; and a
 * new run reads afresh.
 */
import type { Applied } from "../../../provider/engine";
import { unique } from "../../support/emulator-client";
import { must } from "../../support/emulator-fixtures";
import { declare, useEngine } from "../../support/engine-fixtures";

const t = useEngine();
const MEMBERS = 450;

let orgId: string;
let members: Applied[];

const requests = async () =>
  (await t.emu.client.control("GET", "/requests")).body.data as {
    total: number;
    routes: Record<string, { count: number }>;
  };
const resetRequests = async () => expect((await t.emu.client.control("DELETE", "/requests")).status).toBe(204);

beforeAll(async () => {
  orgId = (await t.emu.fx.org()).id as string;
  const invitations = Array.from({ length: MEMBERS }, (_, i) => ({
    email: `${unique("m")}-${i}@example.com`,
    role: "viewer",
  }));
  for (let i = 0; i < invitations.length; i += 100) {
    must(
      await t.emu.client.api("POST", `/v1/orgs/${orgId}/members/bulk`, {
        body: { invitations: invitations.slice(i, i + 100) },
      }),
      200,
      "bulk invite",
    );
  }
  const setup = t.newEngine();
  members = await Promise.all(
    invitations.map(async ({ email }) => (await setup.import("OrganizationMember", `${orgId}/${email}`))!),
  );
});

test("reading every member of an organization, all at once, costs one list of its pages", async () => {
  const engine = t.newEngine();
  await resetRequests();
  const read = await Promise.all(members.map((member) => engine.read("OrganizationMember", member.id, member.state)));
  expect(read.map((member) => member?.id)).toEqual(members.map((member) => member.id));
  const { total, routes } = await requests();
  // 451 members (with the owner) in pages of 200.
  expect(routes["GET /v1/orgs/:org_id/members"]?.count).toBe(3);
  expect(total).toBe(3);
});

test("a member removed since is read as gone, from the same listing", async () => {
  const engine = t.newEngine();
  const [gone, kept] = members;
  must(
    await t.emu.client.api("DELETE", `/v1/orgs/${orgId}/members/${String(gone!.state.userId)}`),
    204,
    "remove a member",
  );
  await resetRequests();
  expect(await engine.read("OrganizationMember", gone!.id, gone!.state)).toBeNull();
  expect((await engine.read("OrganizationMember", kept!.id, kept!.state))?.id).toBe(kept!.id);
  expect((await requests()).total).toBe(3);
  members = members.slice(1);
});

test("a write under a listed collection drops it: the next read lists again and sees the write", async () => {
  const engine = t.newEngine();
  const [member] = members;
  await engine.read("OrganizationMember", member!.id, member!.state);
  const updated = await engine.update("OrganizationMember", member!.id, member!.state, {
    ...member!.state,
    role: "billing",
  });
  expect(updated.role).toBe("billing");
  await resetRequests();
  expect((await engine.read("OrganizationMember", member!.id, member!.state))?.state.role).toBe("billing");
  expect((await requests()).routes["GET /v1/orgs/:org_id/members"]?.count).toBe(3);
});

test("adopting an object after a conflict finds it even when the run listed the collection before it existed", async () => {
  const engine = t.newEngine();
  const [member] = members;
  await engine.read("OrganizationMember", member!.id, member!.state);
  const email = `${unique("late")}@example.com`;
  must(
    await t.emu.client.api("POST", `/v1/orgs/${orgId}/members`, { body: { email, role: "viewer" } }),
    201,
    "invite outside the run",
  );
  const adopted = await engine.create(
    "OrganizationMember",
    declare("OrganizationMember", { organizationId: orgId, email, role: "viewer", adoptExisting: true }),
  );
  expect(adopted.state.email).toBe(email);
});
