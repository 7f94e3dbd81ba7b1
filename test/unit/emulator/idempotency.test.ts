/** `Idempotency-Key` on POST: a replay returns the first answer and never makes a second object. */
import { expectError, unique, type Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();
let org: Json;
let ws: Json;

beforeAll(async () => {
  org = await emu.fx.org();
  ws = await emu.fx.workspace(org.id);
});

const connect = (key: string, config: Record<string, unknown> = { org: "apex" }, token?: string) =>
  emu.client.api("POST", "/v1/integrations", {
    token,
    headers: { "idempotency-key": key },
    body: { workspace_id: ws.id, type: "github", config },
  });

test("the same key and body replays the first response, marked idempotent-replayed, and makes no second object", async () => {
  const key = unique("key");
  const first = await connect(key);
  expect(first.status).toBe(201);
  expect(first.headers.get("idempotent-replayed")).toBeNull();

  const again = await connect(key);
  expect(again.status).toBe(201);
  expect(again.body).toEqual(first.body);
  expect(again.headers.get("idempotent-replayed")).toBe("true");
  expect(again.headers.get("etag")).toBe(first.headers.get("etag"));

  const listed = await emu.fx.all(`/v1/integrations?workspace_id=${ws.id}`);
  expect(listed.filter((i) => i.id === first.body.data.id)).toHaveLength(1);
  expect(listed).toHaveLength(1);
});

test("a replay answers the first response even after the object changed", async () => {
  const key = unique("key");
  const first = await connect(key);
  expect(
    (await emu.client.api("PATCH", `/v1/integrations/${first.body.data.id}`, { body: { config: { org: "changed" } } }))
      .status,
  ).toBe(200);
  const again = await connect(key);
  expect(again.body).toEqual(first.body);
});

test("the same key with a different body is refused with 422 idempotency_key_reused and makes nothing", async () => {
  const key = unique("key");
  expect((await connect(key)).status).toBe(201);
  const before = await emu.fx.all(`/v1/integrations?workspace_id=${ws.id}`);
  expectError(await connect(key, { org: "different" }), 422, "idempotency_key_reused");
  expect(await emu.fx.all(`/v1/integrations?workspace_id=${ws.id}`)).toEqual(before);
});

test("the same key on a different route is refused with 422 idempotency_key_reused", async () => {
  const key = unique("key");
  expect((await connect(key)).status).toBe(201);
  const res = await emu.client.api("POST", "/v1/workspaces", {
    headers: { "idempotency-key": key },
    body: { organization_id: org.id, name: "Other", slug: unique("other") },
  });
  expectError(res, 422, "idempotency_key_reused");
});

test("different keys with the same body make two objects", async () => {
  const a = await connect(unique("key"));
  const b = await connect(unique("key"));
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  expect(a.body.data.id).not.toBe(b.body.data.id);
});

test("keys belong to their caller: another user's request with the same key and body makes its own object", async () => {
  const key = unique("key");
  const other = await emu.fx.member(org.id, "admin");
  const mine = await connect(key);
  const theirs = await connect(key, { org: "apex" }, other.token);
  expect(mine.status).toBe(201);
  expect(theirs.status).toBe(201);
  expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  expect(theirs.body.data.id).not.toBe(mine.body.data.id);
});

test("concurrent requests with one key make one object", async () => {
  const key = unique("key");
  const before = (await emu.fx.all(`/v1/integrations?workspace_id=${ws.id}`)).length;
  const answers = await Promise.all(Array.from({ length: 10 }, () => connect(key)));
  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
  expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
  expect((await emu.fx.all(`/v1/integrations?workspace_id=${ws.id}`)).length).toBe(before + 1);
});

test("a replayed organization creation does not trip the slug uniqueness rule", async () => {
  const key = unique("key");
  const body = { name: "Replayed", slug: unique("replayed") };
  const first = await emu.client.api("POST", "/v1/orgs", { headers: { "idempotency-key": key }, body });
  const again = await emu.client.api("POST", "/v1/orgs", { headers: { "idempotency-key": key }, body });
  expect(first.status).toBe(201);
  expect(again.status).toBe(201);
  expect(again.body).toEqual(first.body);
  expect(again.headers.get("idempotent-replayed")).toBe("true");
});

test("a refused request is not remembered: once the conflict is gone, the same key and body succeed", async () => {
  const key = unique("key");
  const existing = await emu.fx.invite(org.id, "viewer");
  const invite = () =>
    emu.client.api("POST", `/v1/orgs/${org.id}/members`, {
      headers: { "idempotency-key": key },
      body: { email: existing.email, role: "admin" },
    });
  expectError(await invite(), 409, "email_taken");
  expect((await emu.client.api("DELETE", `/v1/orgs/${org.id}/members/${existing.user_id}`)).status).toBe(204);
  const retried = await invite();
  expect(retried.status).toBe(201);
  expect(retried.headers.get("idempotent-replayed")).toBeNull();
  expect(retried.body.data).toMatchObject({ email: existing.email, role: "admin", status: "invited" });
});

describe("a replay is answered only to a caller who may still make the request", () => {
  test("a removed admin's replay of their own earlier create is refused as the object is: 404, nothing replayed", async () => {
    const owned = await emu.fx.org();
    const admin = await emu.fx.member(owned.id, "admin");
    const ownedWs = await emu.fx.workspace(owned.id);
    const key = unique("key");
    const create = () =>
      emu.client.api("POST", "/v1/integrations", {
        token: admin.token,
        headers: { "idempotency-key": key },
        body: { workspace_id: ownedWs.id, type: "github", config: { org: "apex" } },
      });
    const first = await create();
    expect(first.status).toBe(201);
    must(await emu.client.api("DELETE", `/v1/orgs/${owned.id}/members/${admin.userId}`), 204, "remove the admin");

    expectError(
      await emu.client.api("GET", `/v1/integrations/${first.body.data.id}`, { token: admin.token }),
      404,
      "not_found",
    );
    const replay = await create();
    expect(replay.headers.get("idempotent-replayed")).toBeNull();
    expectError(replay, 422, "workspace_not_found");
    expect(JSON.stringify(replay.body)).not.toContain(first.body.data.id);
  });

  test("after the organization enforces SSO, a user token without an SSO session gets 403 sso_required, not the replay", async () => {
    const strict = await emu.fx.org();
    const admin = await emu.fx.member(strict.id, "admin");
    const key = unique("key");
    const email = `${unique("invitee")}@example.com`;
    const invite = () =>
      emu.client.api("POST", `/v1/orgs/${strict.id}/members`, {
        token: admin.token,
        headers: { "idempotency-key": key },
        body: { email, role: "viewer" },
      });
    expect((await invite()).status).toBe(201);
    const domain = await emu.fx.verifiedDomain(strict.id);
    must(
      await emu.client.api("PATCH", `/v1/orgs/${strict.id}/domains/${domain.id}`, {
        body: { sso_enforcement: "google" },
      }),
      200,
      "sso",
    );
    must(
      await emu.client.api("PATCH", `/v1/orgs/${strict.id}`, { body: { settings: { enforce_sso: true } } }),
      200,
      "enforce SSO",
    );

    expectError(await emu.client.api("GET", `/v1/orgs/${strict.id}`, { token: admin.token }), 403, "sso_required");
    const replay = await invite();
    expect(replay.headers.get("idempotent-replayed")).toBeNull();
    expectError(replay, 403, "sso_required");
  });
});

// Last in the file: it moves the emulator's clock forward.
test("a key is remembered for 24 hours of the emulator's clock: after advancing it 25 hours the same key makes a new object", async () => {
  const key = unique("key");
  const first = await connect(key);
  expect(first.status).toBe(201);
  expect((await emu.client.control("POST", "/clock", { seconds: 25 * 3600 })).status).toBe(200);
  const later = await connect(key);
  expect(later.status).toBe(201);
  expect(later.headers.get("idempotent-replayed")).toBeNull();
  expect(later.body.data.id).not.toBe(first.body.data.id);
});
