/**
 * The fault run both front ends face: creates that commit and then fail, and rate limits, over a
 * declaration of one organization with three workspaces, three members, a domain and two
 * integrations; afterwards the platform must hold exactly one object per declared resource.
 */
import type { EmulatorContext } from "./emulator-fixtures";

export type RequestCounts = Record<string, { count: number; statuses: Record<string, number> }>;

/** Requests the emulator served since the counters were last reset, by `METHOD /template`. */
export async function requestCounts(ctx: EmulatorContext): Promise<RequestCounts> {
  return (await ctx.client.control("GET", "/requests")).body.data.routes;
}

const CREATE_ROUTES = [
  "POST /v1/orgs",
  "POST /v1/workspaces",
  "POST /v1/orgs/:org_id/members",
  "POST /v1/workspaces/:ws_id/members",
  "POST /v1/orgs/:org_id/domains",
  "POST /v1/integrations",
];

export async function injectFaults(ctx: EmulatorContext, faults: object[]): Promise<void> {
  for (const fault of faults)
    expect((await ctx.client.control("POST", "/faults", { kind: "error", ...fault })).status).toBe(201);
}

/** Runs `apply` while creates fail after committing and requests are rate-limited, and checks both happened. */
export async function underCreateFaults(ctx: EmulatorContext, apply: () => Promise<unknown>): Promise<void> {
  await injectFaults(ctx, [
    // Certain hits first, so the run is never fault-free: the organization's create commits and then fails, a workspace's is rate-limited.
    { status: 503, phase: "after", route: "POST /v1/orgs", count: 1 },
    { status: 429, retry_after: 1, route: "POST /v1/workspaces", count: 1 },
    ...CREATE_ROUTES.map((route) => ({ status: 503, phase: "after", rate: 0.3, route })),
    { status: 429, retry_after: 1, rate: 0.1 },
  ]);
  await ctx.client.control("DELETE", "/requests");
  try {
    await apply();
  } finally {
    await ctx.client.control("DELETE", "/faults");
  }
  const counts = await requestCounts(ctx);
  expect(counts["POST /v1/orgs"]?.statuses["503"]).toBeGreaterThan(0);
  expect(counts["POST /v1/workspaces"]?.statuses["429"]).toBeGreaterThan(0);
}

/** Checks the platform holds exactly the declared objects of the fault run's organization; returns them. */
export async function expectExactlyDeclared(ctx: EmulatorContext, slug: string, emails: string[]) {
  const orgs = (await ctx.fx.all("/v1/orgs")).filter((o) => o.slug === slug);
  expect(orgs).toHaveLength(1);
  const orgId = orgs[0].id as string;
  const workspaces = await ctx.fx.all(`/v1/workspaces?organization_id=${orgId}`);
  expect(workspaces.map((ws) => ws.slug).sort()).toEqual(["alpha", "beta", "gamma"]);
  const members = await ctx.fx.all(`/v1/orgs/${orgId}/members`);
  expect(members.map((m) => m.email).sort()).toEqual(["admin@emulator.scrums.dev", ...emails].sort());
  expect(await ctx.fx.all(`/v1/orgs/${orgId}/domains`)).toHaveLength(1);
  const integrations = await ctx.fx.all(`/v1/integrations?organization_id=${orgId}`);
  expect(integrations.map((i) => i.type).sort()).toEqual(["aws_marketplace", "github"]);
  return { orgId, workspaces };
}
