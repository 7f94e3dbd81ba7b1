/** ETags on single-object answers and `If-Match` on PATCH. */
import { etagOfBody } from "../../../emulator/call";
import { expectError, type ApiResponse, type Json } from "../../support/emulator-client";
import { useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();
let org: Json;
let ws: Json;

beforeAll(async () => {
  org = await emu.fx.org();
  ws = await emu.fx.workspace(org.id);
});

const ETAG = /^(W\/)?"[^"]+"$/;
const etag = (res: ApiResponse) => res.headers.get("etag");

test("the ETag is the 64-bit FNV-1a digest of the body, as its published test vectors give it", () => {
  expect(etagOfBody("")).toBe('"cbf29ce484222325"');
  expect(etagOfBody("a")).toBe('"af63dc4c8601ec8c"');
  expect(etagOfBody("foobar")).toBe('"85944171f73967e8"');
  expect(etagOfBody('{"data":{"name":"b"}}')).not.toBe(etagOfBody('{"data":{"name":"c"}}'));
});

test("every single-object answer carries an ETag, and lists do not", async () => {
  const member = await emu.fx.invite(org.id, "viewer");
  const domain = await emu.fx.domain(org.id);
  const integration = await emu.fx.integration({ workspace_id: ws.id, type: "github", config: { org: "apex" } });
  for (const path of [
    `/v1/orgs/${org.id}`,
    `/v1/workspaces/${ws.id}`,
    `/v1/orgs/${org.id}/members/${member.user_id}`,
    `/v1/workspaces/${ws.id}/members/${emu.client.userId}`,
    `/v1/orgs/${org.id}/domains/${domain.id}`,
    `/v1/integrations/${integration.id}`,
  ]) {
    const res = await emu.client.api("GET", path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    expect({ path, etag: etag(res) }).toEqual({ path, etag: expect.stringMatching(ETAG) });
  }
  expect(etag(await emu.client.api("GET", "/v1/orgs"))).toBeNull();
});

test("the ETag is stable while the object is unchanged and changes when it changes", async () => {
  const first = etag(await emu.client.api("GET", `/v1/orgs/${org.id}`));
  expect(etag(await emu.client.api("GET", `/v1/orgs/${org.id}`))).toBe(first);
  const patched = await emu.client.api("PATCH", `/v1/orgs/${org.id}`, { body: { name: `Renamed ${Date.now()}` } });
  expect(patched.status).toBe(200);
  expect(etag(patched)).not.toBe(first);
  expect(etag(await emu.client.api("GET", `/v1/orgs/${org.id}`))).toBe(etag(patched));
});

describe.each([
  ["an organization", () => `/v1/orgs/${org.id}`, () => ({ name: `Org ${Math.random()}` })],
  ["a workspace", () => `/v1/workspaces/${ws.id}`, () => ({ name: `Ws ${Math.random()}` })],
])("If-Match on PATCH of %s", (_what, path, change) => {
  test("a stale ETag is refused with 412 precondition_failed and changes nothing", async () => {
    const read = await emu.client.api("GET", path());
    const stale = etag(read)!;
    expect((await emu.client.api("PATCH", path(), { body: change() })).status).toBe(200);
    const current = await emu.client.api("GET", path());
    const res = await emu.client.api("PATCH", path(), { body: change(), headers: { "if-match": stale } });
    expectError(res, 412, "precondition_failed");
    expect((await emu.client.api("GET", path())).body).toEqual(current.body);
  });

  test("the current ETag is accepted", async () => {
    const current = etag(await emu.client.api("GET", path()))!;
    const body = change();
    const res = await emu.client.api("PATCH", path(), { body, headers: { "if-match": current } });
    expect(res.status).toBe(200);
    expect(res.body.data.name).toBe(body.name);
  });

  test("If-Match * is accepted", async () => {
    expect((await emu.client.api("PATCH", path(), { body: change(), headers: { "if-match": "*" } })).status).toBe(200);
  });
});

test("If-Match on PATCH of an integration: stale 412, current 200", async () => {
  const integration = await emu.fx.integration({ workspace_id: ws.id, type: "github", config: { org: "apex" } });
  const stale = etag(await emu.client.api("GET", `/v1/integrations/${integration.id}`))!;
  const current = await emu.client.api("PATCH", `/v1/integrations/${integration.id}`, {
    body: { config: { org: "apex-2" } },
  });
  expect(current.status).toBe(200);
  const refused = await emu.client.api("PATCH", `/v1/integrations/${integration.id}`, {
    body: { config: { org: "apex-3" } },
    headers: { "if-match": stale },
  });
  expectError(refused, 412, "precondition_failed");
  const ok = await emu.client.api("PATCH", `/v1/integrations/${integration.id}`, {
    body: { config: { org: "apex-3" } },
    headers: { "if-match": etag(current)! },
  });
  expect(ok.status).toBe(200);
  expect(ok.body.data.config).toEqual({ org: "apex-3" });
});

test("If-Match on PATCH of a member: stale 412, current 200", async () => {
  const member = await emu.fx.invite(org.id, "viewer");
  const read = await emu.client.api("GET", `/v1/orgs/${org.id}/members/${member.user_id}`);
  const changed = await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${member.user_id}`, {
    body: { role: "billing" },
  });
  expect(changed.status).toBe(200);
  expectError(
    await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${member.user_id}`, {
      body: { role: "admin" },
      headers: { "if-match": etag(read)! },
    }),
    412,
    "precondition_failed",
  );
  const ok = await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${member.user_id}`, {
    body: { role: "admin" },
    headers: { "if-match": etag(changed)! },
  });
  expect(ok.status).toBe(200);
  expect(ok.body.data.role).toBe("admin");
});

test("If-Match on PATCH of a domain: stale 412, current 200", async () => {
  const domain = await emu.fx.domain(org.id);
  const path = `/v1/orgs/${org.id}/domains/${domain.id}`;
  const garbage = '"not-the-etag"';
  expectError(
    await emu.client.api("PATCH", path, { body: { domain: domain.domain }, headers: { "if-match": garbage } }),
    412,
    "precondition_failed",
  );
  const current = etag(await emu.client.api("GET", path))!;
  expect(
    (await emu.client.api("PATCH", path, { body: { domain: domain.domain }, headers: { "if-match": current } })).status,
  ).toBe(200);
});

test("the ETag of a create answer matches the object as then read", async () => {
  const res = await emu.client.api("POST", "/v1/integrations", {
    body: { workspace_id: ws.id, type: "github", config: { org: "apex" } },
  });
  expect(res.status).toBe(201);
  expect(etag(res)).toMatch(ETAG);
  expect(etag(await emu.client.api("GET", `/v1/integrations/${res.body.data.id}`))).toBe(etag(res));
});
