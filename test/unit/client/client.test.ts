import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { start, type RunningEmulator } from "../../../emulator";
import {
  ApiContractError,
  ApiRequestError,
  ApiUnavailableError,
  RequestSchemaError,
} from "../../../provider/client/errors";
import { ScrumsClient } from "../../../provider/client/client";
import { parseRetryAfter, retryDelay } from "../../../provider/client/retry";

describe("the API client against the emulator", () => {
  let emulator: RunningEmulator;
  let client: ScrumsClient;
  const lines: string[] = [];

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: { authorization: `Bearer ${emulator.controlToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.status === 204 ? undefined : ((await response.json()) as { data: unknown });
  };
  const countOf = async (route: string) =>
    ((await control("GET", "/requests")) as { data: { routes: Record<string, { count: number }> } }).data.routes[route]
      ?.count ?? 0;

  beforeAll(async () => {
    emulator = await start();
    client = new ScrumsClient({
      apiUrl: emulator.url,
      token: emulator.token,
      retry: { baseDelayMs: 5, maxDelayMs: 50, budgetMs: 5_000 },
      log: (l) => lines.push(l),
    });
  });
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });
  beforeEach(() => control("DELETE", "/faults"));

  it("creates and reads back an object, validated against the contract, with its ETag", async () => {
    const created = await client.call("createOrganization", { body: { name: "Client Co", slug: "client-co" } });
    expect(created.status).toBe(201);
    expect(created.data.slug).toBe("client-co");
    const read = await client.call("getOrganization", { params: { org_id: created.data.id } });
    expect(read.etag).toMatch(/^".+"$/);
    expect(read.data).toEqual(created.data);
  });

  it("retries a create whose response was lost and makes exactly one object", async () => {
    await control("POST", "/faults", { kind: "drop", route: "POST /v1/orgs", phase: "after", count: 1 });
    const created = await client.call("createOrganization", { body: { name: "Once", slug: "exactly-once" } });
    const slugs: string[] = [];
    for await (const org of client.paginate("listOrganizations", {})) slugs.push(org.slug);
    expect(slugs.filter((slug) => slug === "exactly-once")).toHaveLength(1);
    expect(created.data.slug).toBe("exactly-once");
  });

  it("waits out 429 and 503 answers, honouring Retry-After, then succeeds", async () => {
    await control("POST", "/faults", { kind: "error", status: 429, retry_after: 0, count: 2, route: "GET /v1/orgs" });
    await control("POST", "/faults", { kind: "error", status: 503, count: 1, route: "GET /v1/orgs" });
    const before = await countOf("GET /v1/orgs");
    const orgs: unknown[] = [];
    for await (const org of client.paginate("listOrganizations", {})) orgs.push(org);
    expect(orgs.length).toBeGreaterThan(0);
    expect((await countOf("GET /v1/orgs")) - before).toBe(4);
  });

  it("gives up with a clear error once its retry budget is spent", async () => {
    await control("POST", "/faults", { kind: "error", status: 503, route: "GET /v1/orgs/:org_id" });
    const impatient = new ScrumsClient({
      apiUrl: emulator.url,
      token: emulator.token,
      retry: { baseDelayMs: 5, maxDelayMs: 10, budgetMs: 100 },
    });
    await expect(impatient.call("getOrganization", { params: { org_id: "ORG-26-999999" } })).rejects.toThrow(
      ApiUnavailableError,
    );
    await impatient.close();
  });

  it("does not retry a refusal, and names the call, status, API code and field", async () => {
    const org = (await client.call("createOrganization", { body: { name: "Fixed", slug: "fixed-slug" } })).data;
    const before = await countOf("PATCH /v1/orgs/:org_id");
    const error = await client
      .call("updateOrganization", { params: { org_id: org.id }, body: { slug: "other-slug" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error.status).toBe(422);
    expect(error.code).toBe("immutable_field");
    expect(error.message).toContain(`PATCH /v1/orgs/${org.id} failed with 422 immutable_field`);
    expect(error.details.map((d: { field: string }) => d.field)).toEqual(["slug"]);
    expect((await countOf("PATCH /v1/orgs/:org_id")) - before).toBe(1);
  });

  it("checks a body against the operation's schema and sends nothing it refuses, naming the operation and every field", async () => {
    const before = await countOf("POST /v1/orgs");
    const error = await client.call("createOrganization", { body: { name: "", slug: "Not A Slug" } }).catch((e) => e);
    expect(error).toBeInstanceOf(RequestSchemaError);
    expect(error.message).toContain("createOrganization was not sent: its body does not match the API's schema");
    expect(error.message).toMatch(/→ at name/);
    expect(error.message).toMatch(/→ at slug/);
    expect(await countOf("POST /v1/orgs")).toBe(before);
  });

  it("refuses a call its operation does not take, at compile time and before sending", async () => {
    const before = await countOf("PATCH /v1/orgs/:org_id");
    // @ts-expect-error: updateOrganization needs its org_id.
    await expect(client.call("updateOrganization", { body: { name: "No Id" } })).rejects.toThrow(
      "updateOrganization was not sent: the path parameter org_id is missing",
    );
    // @ts-expect-error: getOrganization takes no body.
    await expect(client.call("getOrganization", { params: { org_id: "ORG-26-000001" }, body: {} })).rejects.toThrow(
      "getOrganization was not sent: it takes no body",
    );
    await expect(
      client.call("updateOrganization", {
        params: { org_id: "ORG-26-000001" },
        // @ts-expect-error: settings.enforce_sso is a boolean.
        body: { settings: { enforce_sso: "yes" } },
      }),
    ).rejects.toThrow(/updateOrganization was not sent: its body does not match[\s\S]*→ at settings\.enforce_sso/);
    expect(await countOf("PATCH /v1/orgs/:org_id")).toBe(before);
  });

  it("fills path parameters URL-encoded", async () => {
    const error = await client.call("getOrganization", { params: { org_id: "ORG-26-000001/../x?y" } }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error.path).toBe("/v1/orgs/ORG-26-000001%2F..%2Fx%3Fy");
    expect(error.status).toBe(404);
  });

  it("walks every page of a large collection", async () => {
    const org = await client.call("createOrganization", { body: { name: "Big", slug: "big-org" } });
    const params = { org_id: org.data.id };
    for (let batch = 0; batch < 3; batch++) {
      await client.call("bulkInviteMembers", {
        params,
        body: {
          invitations: Array.from({ length: 100 }, (_, i) => ({
            email: `m${batch}-${i}@big.example`,
            role: "viewer" as const,
          })),
        },
      });
    }
    const emails = new Set<string>();
    for await (const member of client.paginate("listMembers", { params }, 70)) emails.add(member.email);
    expect(emails.size).toBe(301);
  });

  it("never writes its token into a log line or an error", async () => {
    const error = await client.call("getOrganization", { params: { org_id: "ORG-26-999999" } }).catch((e: Error) => e);
    expect(String(error)).not.toContain(emulator.token);
    expect(lines.join("\n")).not.toContain(emulator.token);
    expect(lines.length).toBeGreaterThan(0);
  });

  describe("once its signal is aborted", () => {
    const stopped = new Error("the run was stopped");
    const made: ScrumsClient[] = [];
    afterEach(() => Promise.all(made.splice(0).map((each) => each.close())));
    const stoppable = () => {
      const controller = new AbortController();
      const stoppableClient = new ScrumsClient({
        apiUrl: emulator.url,
        token: emulator.token,
        retry: { baseDelayMs: 2_000, maxDelayMs: 2_000, budgetMs: 60_000 },
        signal: controller.signal,
      });
      made.push(stoppableClient);
      return { controller, client: stoppableClient };
    };

    it("sends nothing more", async () => {
      const { controller, client: stoppableClient } = stoppable();
      controller.abort(stopped);
      const before = await countOf("POST /v1/orgs");
      await expect(
        stoppableClient.call("createOrganization", { body: { name: "Late", slug: "too-late" } }),
      ).rejects.toBe(stopped);
      expect(await countOf("POST /v1/orgs")).toBe(before);
    });

    it("abandons a request in flight and a wait between retries", async () => {
      const { controller, client: stoppableClient } = stoppable();
      await control("POST", "/faults", { kind: "latency", latency_ms: 5_000, route: "GET /v1/orgs/:org_id", count: 1 });
      await control("POST", "/faults", { kind: "error", status: 503, route: "GET /v1/orgs" });
      const slow = stoppableClient.call("getOrganization", { params: { org_id: "ORG-26-999999" } });
      const retrying = stoppableClient.call("listOrganizations", {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      const abortedAt = Date.now();
      controller.abort(stopped);
      await expect(slow).rejects.toBe(stopped);
      await expect(retrying).rejects.toBe(stopped);
      expect(Date.now() - abortedAt).toBeLessThan(500);
    });
  });
});

describe("the API client against an API that breaks its contract", () => {
  let server: Server;
  let client: ScrumsClient;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify(
          request.url?.startsWith("/v1/orgs?")
            ? { data: [{ id: 7 }], meta: { cursor: null, has_more: false } }
            : { data: { id: 7 } },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    client = new ScrumsClient({ apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: "t0ken" });
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("refuses an answer outside the operation's response schema, naming the call and the fields", async () => {
    const error = await client.call("getOrganization", { params: { org_id: "ORG-26-000001" } }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiContractError);
    expect(error.message).toContain("GET /v1/orgs/ORG-26-000001");
    expect(error.message).toMatch(/→ at data\.id/);
    await expect(client.list("listOrganizations", {})).rejects.toThrow(/GET \/v1\/orgs[\s\S]*→ at data\[0\]\.id/);
  });
});

describe("retry timing", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("backs off exponentially with jitter, capped, and never sooner than the server asked", () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 10_000 };
    expect(retryDelay(policy, 0, undefined, () => 1)).toBe(100);
    expect(retryDelay(policy, 3, undefined, () => 1)).toBe(800);
    expect(retryDelay(policy, 10, undefined, () => 1)).toBe(1000);
    expect(retryDelay(policy, 2, undefined, () => 0.5)).toBe(200);
    expect(retryDelay(policy, 0, 2500, () => 1)).toBe(2500);
  });
});
