/** Fault injection through `/_emulator/faults`, request counters, and reset. */
import { expectError, unique, type Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();
let org: Json;

beforeAll(async () => {
  org = await emu.fx.org();
});
afterEach(async () => {
  expect((await emu.client.control("DELETE", "/faults")).status).toBe(204);
});

const addFault = async (rule: Record<string, unknown>) =>
  must(await emu.client.control("POST", "/faults", rule), 201, `add fault ${JSON.stringify(rule)}`);

describe("error faults", () => {
  test("a 429 fault answers 429 rate_limited with Retry-After, then requests pass again", async () => {
    const rule = await addFault({ kind: "error", status: 429, retry_after: 7, count: 1 });
    expect(rule).toMatchObject({ kind: "error", status: 429, retry_after: 7, count: 1, phase: "before" });
    expect(typeof rule.id).toBe("number");
    const res = await emu.client.api("GET", "/v1/orgs");
    expectError(res, 429, "rate_limited");
    expect(res.headers.get("retry-after")).toBe("7");
    expect((await emu.client.api("GET", "/v1/orgs")).status).toBe(200);
  });

  test("a 429 fault without retry_after still sends a Retry-After in seconds", async () => {
    await addFault({ kind: "error", status: 429, count: 1 });
    const res = await emu.client.api("GET", "/v1/orgs");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  test.each([[500], [502], [503], [504]])("a %d fault answers that status with an error body", async (status) => {
    await addFault({ kind: "error", status, count: 1 });
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}`);
    expect(res.status).toBe(status);
    expect(typeof res.body.error.code).toBe("string");
    expect(typeof res.body.error.message).toBe("string");
  });

  test("a 503 fault with retry_after sends Retry-After", async () => {
    await addFault({ kind: "error", status: 503, retry_after: 2, count: 1 });
    const res = await emu.client.api("GET", "/v1/orgs");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
  });

  test("a before-phase error on a create makes no object", async () => {
    const slug = unique("faulted");
    await addFault({ kind: "error", status: 500, route: "POST /v1/orgs", count: 1 });
    expect((await emu.client.api("POST", "/v1/orgs", { body: { name: "Faulted", slug } })).status).toBe(500);
    expect((await emu.fx.all("/v1/orgs")).some((o) => o.slug === slug)).toBe(false);
  });

  test("faults do not touch the control endpoints", async () => {
    await addFault({ kind: "error", status: 503 });
    expect((await emu.client.control("GET", "/faults")).status).toBe(200);
    expect((await emu.client.api("GET", "/v1/orgs")).status).toBe(503);
  });

  test("an invalid fault rule is refused with 422", async () => {
    const res = await emu.client.control("POST", "/faults", { kind: "error", status: 418 });
    expect(res.status).toBe(422);
    expect((await emu.client.control("GET", "/faults")).body.data).toEqual([]);
  });
});

describe("latency and dropped connections", () => {
  test("a latency fault delays the answer by at least its latency", async () => {
    await addFault({ kind: "latency", latency_ms: 300, count: 1 });
    const started = performance.now();
    const res = await emu.client.api("GET", "/v1/orgs");
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    const fastStarted = performance.now();
    await emu.client.api("GET", "/v1/orgs");
    expect(performance.now() - fastStarted).toBeLessThan(300);
  });

  test("latency and an error combine: the error arrives after the latency", async () => {
    await addFault({ kind: "latency", latency_ms: 200, count: 1 });
    await addFault({ kind: "error", status: 503, count: 1 });
    const started = performance.now();
    const res = await emu.client.api("GET", "/v1/orgs");
    expect(res.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
  });

  test("a drop fault closes the connection: fetch rejects", async () => {
    await addFault({ kind: "drop", count: 1 });
    await expect(emu.client.api("GET", "/v1/orgs")).rejects.toThrow();
    expect((await emu.client.api("GET", "/v1/orgs")).status).toBe(200);
  });
});

describe("which requests a fault hits", () => {
  test("count hits only the next N matching requests", async () => {
    await addFault({ kind: "error", status: 503, count: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await emu.client.api("GET", "/v1/orgs")).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect((await emu.client.control("GET", "/faults")).body.data).toEqual([]);
  });

  test("rate 0 never hits and rate 1 always hits", async () => {
    await addFault({ kind: "error", status: 500, rate: 0 });
    for (let i = 0; i < 20; i++) expect((await emu.client.api("GET", "/v1/orgs")).status).toBe(200);
    await emu.client.control("DELETE", "/faults");
    await addFault({ kind: "error", status: 500, rate: 1 });
    for (let i = 0; i < 20; i++) expect((await emu.client.api("GET", "/v1/orgs")).status).toBe(500);
  });

  test("rate 0.5 hits about half of the requests", async () => {
    await addFault({ kind: "error", status: 500, rate: 0.5 });
    let hits = 0;
    for (let i = 0; i < 200; i++) if ((await emu.client.api("GET", "/v1/orgs")).status === 500) hits++;
    // Binomial(200, 0.5): outside [50, 150] has a probability below 1e-12.
    expect(hits).toBeGreaterThan(50);
    expect(hits).toBeLessThan(150);
  });

  test('a rule for "POST /v1/orgs" hits that route and method only', async () => {
    await addFault({ kind: "error", status: 503, route: "POST /v1/orgs" });
    expect((await emu.client.api("GET", "/v1/orgs")).status).toBe(200);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).status).toBe(200);
    expect(
      (
        await emu.client.api("POST", "/v1/workspaces", {
          body: { organization_id: org.id, name: "W", slug: unique("w") },
        })
      ).status,
    ).toBe(201);
    expect(
      (await emu.client.api("POST", "/v1/orgs", { body: { name: "Blocked", slug: unique("blocked") } })).status,
    ).toBe(503);
  });

  test("a rule naming a path template alone hits every method of that route, matched by template", async () => {
    await addFault({ kind: "error", status: 500, route: "/v1/orgs/:org_id" });
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).status).toBe(500);
    expect((await emu.client.api("PATCH", `/v1/orgs/${org.id}`, { body: { name: "X" } })).status).toBe(500);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}/members`)).status).toBe(200);
    expect((await emu.client.api("GET", "/v1/orgs")).status).toBe(200);
  });

  test("the fault list shows armed rules and DELETE clears them", async () => {
    await addFault({ kind: "latency", latency_ms: 5 });
    await addFault({ kind: "error", status: 429, route: "GET /v1/orgs", count: 3 });
    const list = await emu.client.control("GET", "/faults");
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: Json) => r.kind)).toEqual(["latency", "error"]);
    expect((await emu.client.control("DELETE", "/faults")).status).toBe(204);
    expect((await emu.client.control("GET", "/faults")).body.data).toEqual([]);
    expect((await emu.client.api("GET", "/v1/orgs")).status).toBe(200);
  });
});

describe("the after phase", () => {
  test("the write happens but the answer is an error; a retry with the same Idempotency-Key returns the object, no duplicate", async () => {
    const ws = await emu.fx.workspace(org.id);
    await addFault({ kind: "error", status: 500, route: "POST /v1/integrations", phase: "after", count: 1 });
    const key = unique("after");
    const body = { workspace_id: ws.id, type: "github", config: { org: "apex-after" } };
    const failed = await emu.client.api("POST", "/v1/integrations", { headers: { "idempotency-key": key }, body });
    expect(failed.status).toBe(500);

    const stored = await emu.fx.all(`/v1/integrations?workspace_id=${ws.id}`);
    expect(stored).toHaveLength(1);
    expect(stored[0].config).toEqual({ org: "apex-after" });

    const retried = await emu.client.api("POST", "/v1/integrations", { headers: { "idempotency-key": key }, body });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    expect(retried.body.data).toEqual(stored[0]);
    expect(await emu.fx.all(`/v1/integrations?workspace_id=${ws.id}`)).toHaveLength(1);
  });

  test("an after-phase drop also commits the write", async () => {
    const slug = unique("dropped");
    await addFault({ kind: "drop", route: "POST /v1/orgs", phase: "after", count: 1 });
    await expect(emu.client.api("POST", "/v1/orgs", { body: { name: "Dropped", slug } })).rejects.toThrow();
    expect((await emu.fx.all("/v1/orgs")).filter((o) => o.slug === slug)).toHaveLength(1);
  });
});

describe("request counters", () => {
  test("count requests per method and route template with their statuses, excluding control calls", async () => {
    expect((await emu.client.control("DELETE", "/requests")).status).toBe(204);
    await emu.client.api("GET", "/v1/orgs");
    await emu.client.api("GET", "/v1/orgs");
    await emu.client.api("GET", `/v1/orgs/${org.id}`);
    await emu.client.api("GET", "/v1/orgs/ORG-26-999999");
    await emu.client.api("POST", "/v1/orgs", { body: { name: "Counted", slug: unique("counted") } });
    await emu.client.api("GET", "/v1/orgs", { token: null });
    const res = await emu.client.control("GET", "/requests");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      total: 6,
      routes: {
        "GET /v1/orgs": { count: 3, statuses: { "200": 2, "401": 1 } },
        "GET /v1/orgs/:org_id": { count: 2, statuses: { "200": 1, "404": 1 } },
        "POST /v1/orgs": { count: 1, statuses: { "201": 1 } },
      },
    });
  });

  test("count injected faults under the status they answered", async () => {
    await emu.client.control("DELETE", "/requests");
    await addFault({ kind: "error", status: 429, count: 1 });
    await emu.client.api("GET", "/v1/orgs");
    await emu.client.api("GET", "/v1/orgs");
    expect((await emu.client.control("GET", "/requests")).body.data.routes["GET /v1/orgs"]).toEqual({
      count: 2,
      statuses: { "200": 1, "429": 1 },
    });
  });

  test("DELETE /_emulator/requests resets them", async () => {
    await emu.client.api("GET", "/v1/orgs");
    expect((await emu.client.control("DELETE", "/requests")).status).toBe(204);
    expect((await emu.client.control("GET", "/requests")).body.data).toEqual({ total: 0, routes: {} });
  });
});

describe("control endpoint access", () => {
  test("control endpoints refuse requests without the control token with 401", async () => {
    expect((await emu.client.control("GET", "/faults", undefined, null)).status).toBe(401);
    expect((await emu.client.control("POST", "/faults", { kind: "drop" }, emu.client.token)).status).toBe(401);
    expect((await emu.client.control("GET", "/faults")).body.data).toEqual([]);
  });
});

describe("reset", () => {
  test("reset forgets every object, fault, counter and minted token, and keeps the bootstrap tokens working", async () => {
    const minted = await emu.client.serviceToken(emu.client.userId);
    expect((await emu.client.api("GET", "/v1/orgs", { token: minted })).status).toBe(200);
    await addFault({ kind: "latency", latency_ms: 1 });
    await emu.client.api("GET", "/v1/orgs");
    expect((await emu.fx.all("/v1/orgs")).length).toBeGreaterThan(0);

    expect((await emu.client.control("POST", "/reset")).status).toBe(204);

    expect((await emu.client.control("GET", "/faults")).body.data).toEqual([]);
    expect((await emu.client.control("GET", "/requests")).body.data).toEqual({ total: 0, routes: {} });
    const orgs = await emu.client.api("GET", "/v1/orgs");
    expect(orgs.status).toBe(200);
    expect(orgs.body).toEqual({ data: [], meta: { cursor: null, has_more: false } });
    expectError(await emu.client.api("GET", `/v1/orgs/${org.id}`), 404, "not_found");
    expectError(await emu.client.api("GET", "/v1/orgs", { token: minted }), 401, "unauthorized");
    const again = await emu.fx.org({ slug: org.slug });
    expect(again.slug).toBe(org.slug);
  });
});
