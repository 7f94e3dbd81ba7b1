/**
 * The emulator's answers are the contract users build on: every status it sends is one `openapi.json`
 * documents for the operation, methods a path lacks get 405 with `Allow`, and what the schemas
 * describe (integers, emails, UTF-8 JSON, bounded header and control inputs) is exactly what it accepts.
 */
import { request } from "node:http";
import { buildOpenApiDocument } from "../../../provider/model/api/openapi";
import { expectError, unique, type ApiResponse, type Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();
let org: Json;
let domain: Json;
let invited: Json;

beforeAll(async () => {
  org = await emu.fx.org();
  domain = await emu.fx.verifiedDomain(org.id);
  must(
    await emu.client.api("PATCH", `/v1/orgs/${org.id}/domains/${domain.id}`, { body: { scim_enabled: true } }),
    200,
    "enable SCIM",
  );
  invited = await emu.fx.invite(org.id, "viewer");
});

const document = buildOpenApiDocument();
type Operation = { responses: Record<string, unknown> };
const documentedStatuses = (method: string, template: string) =>
  Object.keys((document.paths[template] as Record<string, Operation>)[method.toLowerCase()]!.responses);

/** Asserts the answer's status is one the operation documents. */
function expectDocumented(res: ApiResponse, method: string, template: string): void {
  expect({ status: String(res.status), documented: documentedStatuses(method, template) }).toEqual({
    status: String(res.status),
    documented: expect.arrayContaining([String(res.status)]),
  });
}

describe("every status sent is documented for its operation", () => {
  test("422 idempotency_key_reused on the body-less POSTs rotateScimToken and resendInvitation", async () => {
    const rotate = `/v1/orgs/${org.id}/domains/${domain.id}/scim/token`;
    const resend = `/v1/orgs/${org.id}/members/${invited.user_id}/resend`;
    const key = unique("key");
    expect((await emu.client.api("POST", rotate, { headers: { "idempotency-key": key } })).status).toBe(201);
    const reused = await emu.client.api("POST", resend, { headers: { "idempotency-key": key } });
    expectError(reused, 422, "idempotency_key_reused");
    expectDocumented(reused, "POST", "/v1/orgs/{org_id}/members/{user_id}/resend");
    const key2 = unique("key");
    expect((await emu.client.api("POST", resend, { headers: { "idempotency-key": key2 } })).status).toBe(200);
    const reused2 = await emu.client.api("POST", rotate, { headers: { "idempotency-key": key2 } });
    expectError(reused2, 422, "idempotency_key_reused");
    expectDocumented(reused2, "POST", "/v1/orgs/{org_id}/domains/{domain_id}/scim/token");
  });

  test("a body sent to a body-less POST or DELETE is refused with a documented 422", async () => {
    const post = await emu.client.api("POST", `/v1/orgs/${org.id}/domains/${domain.id}/verify`, {
      body: { force: true },
    });
    expectError(post, 422, "validation_failed");
    expectDocumented(post, "POST", "/v1/orgs/{org_id}/domains/{domain_id}/verify");
    const del = await emu.client.api("DELETE", `/v1/orgs/${org.id}/members/${invited.user_id}`, {
      body: { reason: "x" },
    });
    expectError(del, 422, "validation_failed");
    expectDocumented(del, "DELETE", "/v1/orgs/{org_id}/members/{user_id}");
  });

  test("an unknown query parameter on a route without any is refused with a documented 422", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}?expand=all`);
    expectError(res, 422, "validation_failed");
    expectDocumented(res, "GET", "/v1/orgs/{org_id}");
  });

  test("an undecodable URL is refused with a documented 400 bad_url", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/%E0%A4%A`);
    expectError(res, 400, "bad_url");
    expectDocumented(res, "GET", "/v1/orgs/{org_id}");
  });

  test("a body that is not JSON is refused with a documented 415", async () => {
    const res = await emu.client.api("POST", "/v1/orgs", { rawBody: "name=x", contentType: "text/plain" });
    expectError(res, 415, "unsupported_media_type");
    expectDocumented(res, "POST", "/v1/orgs");
  });
});

describe("Idempotency-Key", () => {
  test("a key longer than the documented 255 characters is refused with 422 naming the header, and makes nothing", async () => {
    const before = await emu.fx.all("/v1/orgs");
    const res = await emu.client.api("POST", "/v1/orgs", {
      headers: { "idempotency-key": "k".repeat(256) },
      body: { name: "Long key", slug: unique("long-key") },
    });
    expectError(res, 422, "validation_failed");
    expect(res.body.error.details).toEqual([{ field: "Idempotency-Key", issue: expect.stringContaining("255") }]);
    expect(await emu.fx.all("/v1/orgs")).toEqual(before);
  });

  test("a key of exactly 255 characters is accepted", async () => {
    const res = await emu.client.api("POST", "/v1/orgs", {
      headers: { "idempotency-key": "k".repeat(255) },
      body: { name: "Max key", slug: unique("max-key") },
    });
    expect(res.status).toBe(201);
  });
});

/** Through node:http, which sends any method; fetch refuses TRACE. */
function rawRequest(method: string, path: string): Promise<{ status: number; allow: string | undefined; body: Json }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${emu.client.url}${path}`,
      { method, headers: { authorization: `Bearer ${emu.client.token}` } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, allow: res.headers.allow, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("methods a path does not serve", () => {
  test.each([
    ["PUT", "/v1/orgs", "GET, HEAD, POST"],
    ["TRACE", "/v1/orgs", "GET, HEAD, POST"],
    ["POST", "/v1/orgs/ORG-26-000001", "DELETE, GET, HEAD, PATCH"],
    ["PATCH", "/v1/orgs/ORG-26-000001/address", "GET, HEAD, PUT"],
    ["QUERY", "/v1/workspaces", "GET, HEAD, POST"],
  ])("%s %s answers 405 method_not_allowed with Allow: %s", async (method, path, allow) => {
    const res = await rawRequest(method, path);
    expect({ status: res.status, code: res.body.error.code, allow: res.allow }).toEqual({
      status: 405,
      code: "method_not_allowed",
      allow,
    });
  });

  test("HEAD is served wherever GET is: the same status and headers, no body", async () => {
    const url = `${emu.client.url}/v1/orgs/${org.id}`;
    const headers = { authorization: `Bearer ${emu.client.token}` };
    const [get, head] = await Promise.all([fetch(url, { headers }), fetch(url, { method: "HEAD", headers })]);
    const getText = await get.text();
    expect({ status: head.status, etag: head.headers.get("etag"), length: head.headers.get("content-length") }).toEqual(
      {
        status: 200,
        etag: get.headers.get("etag"),
        length: String(Buffer.byteLength(getText)),
      },
    );
    expect(await head.text()).toBe("");
  });

  test("a path no route serves still answers 404 route_not_found", async () => {
    expectError(await emu.client.api("PUT", "/v1/nothing-here"), 404, "route_not_found");
  });
});

describe("emails: the pattern agrees with format: email", () => {
  test.each([
    ["a domain label ending in a hyphen", "x@h-.example.com"],
    ["a domain label starting with a hyphen", "x@-h.example.com"],
    ["a domain label over 63 characters", `x@${"a".repeat(64)}.example.com`],
  ])("%s is refused with 422", async (_what, email) => {
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members`, { body: { email, role: "viewer" } });
    expectError(res, 422, "validation_failed");
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(["email"]);
  });

  test("a 63-character label is accepted", async () => {
    const email = `${unique("u")}@${"a".repeat(63)}.example.com`;
    expect(
      (await emu.client.api("POST", `/v1/orgs/${org.id}/members`, { body: { email, role: "viewer" } })).status,
    ).toBe(201);
  });

  test("the OpenAPI pattern of an email refuses what the emulator refuses", () => {
    const schema = (document.components.schemas as Record<string, { properties: Record<string, { pattern: string }> }>)
      .InviteMember!;
    const pattern = new RegExp(schema.properties.email!.pattern);
    expect(["x@h-.example.com", `x@${"a".repeat(64)}.example.com`].filter((email) => pattern.test(email))).toEqual([]);
    expect(pattern.test("jordan@apexdigital.com")).toBe(true);
  });
});

describe("request bodies must be UTF-8 JSON", () => {
  const post = (bytes: Buffer, contentType = "application/json") =>
    fetch(`${emu.env.client.url}/v1/orgs`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.client.token}`, "content-type": contentType },
      body: bytes,
    }).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.json() }) as ApiResponse);
  const orgBody = (nameBytes: Buffer) =>
    Buffer.concat([Buffer.from(`{"slug": "${unique("utf")}", "name": "`), nameBytes, Buffer.from('"}')]);

  test.each([
    [
      "a UTF-16 byte order mark",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"name": "x", "slug": "bom-utf16"}')]),
    ],
    ["an overlong encoding (C0 AF)", orgBody(Buffer.from([0x41, 0xc0, 0xaf]))],
    ["an encoded surrogate (ED A0 80)", orgBody(Buffer.from([0x41, 0xed, 0xa0, 0x80]))],
    ["a truncated sequence (E2 82)", orgBody(Buffer.from([0x41, 0xe2, 0x82]))],
  ])("%s is refused with 400 malformed_json and stores nothing", async (_what, bytes) => {
    const before = await emu.fx.all("/v1/orgs");
    expectError(await post(bytes), 400, "malformed_json");
    expect(await emu.fx.all("/v1/orgs")).toEqual(before);
  });

  test("a charset other than UTF-8 is refused with 415 unsupported_media_type", async () => {
    const res = await post(orgBody(Buffer.from([0x43, 0x61, 0x66, 0xe9])), "application/json; charset=latin1");
    expectError(res, 415, "unsupported_media_type");
  });

  test("valid UTF-8, with or without charset=utf-8, is stored as sent", async () => {
    const res = await post(orgBody(Buffer.from("Café ☕ 𝄞")), "application/json; charset=UTF-8");
    expect(res.status).toBe(201);
    expect(res.body.data.name).toBe("Café ☕ 𝄞");
  });
});

describe("integration config", () => {
  test("a __proto__ key in config is refused like any other unknown key", async () => {
    const ws = await emu.fx.workspace(org.id);
    const raw = `{"workspace_id": "${ws.id}", "type": "github", "config": {"org": "apex", "__proto__": {"admin": true}}}`;
    const res = await emu.client.api("POST", "/v1/integrations", { rawBody: raw });
    expectError(res, 422, "validation_failed");
    expect(res.body.error.details).toEqual([{ field: "config.__proto__", issue: "is not a known field" }]);
  });
});

describe("integer query parameters are plain decimal", () => {
  test.each(["0x10", "1e1", "+7", "%205", "010", "5.0", "٣"])(
    "limit=%s is refused with 422 naming limit",
    async (limit) => {
      const res = await emu.client.api("GET", `/v1/orgs?limit=${limit}`);
      expectError(res, 422, "validation_failed");
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(["limit"]);
    },
  );

  test("limit=7 is accepted", async () => {
    expect((await emu.client.api("GET", "/v1/orgs?limit=7")).status).toBe(200);
  });
});

describe("control inputs are bounded", () => {
  test("advancing the clock past what a date can hold is refused with 422, and writes keep working", async () => {
    const res = await emu.client.control("POST", "/clock", { seconds: 9007199254740991 });
    expectError(res, 422, "validation_failed");
    expect(
      (await emu.client.api("POST", "/v1/orgs", { body: { name: "After clock", slug: unique("after-clock") } })).status,
    ).toBe(201);
  });
});
