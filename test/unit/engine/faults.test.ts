/**
 * Creates under injected faults: when the platform commits a create but its answer is lost (503
 * after the write), the engine's retry carries the same Idempotency-Key, so exactly one object
 * exists afterwards and the engine holds its id.
 */
import type { KindName, Values } from "../../../provider/model/resources";
import { unique, type Json } from "../../support/emulator-client";
import { must } from "../../support/emulator-fixtures";
import { changesOf, declare, useEngine } from "../../support/engine-fixtures";

const t = useEngine();

beforeEach(async () => {
  expect((await t.emu.client.control("DELETE", "/requests")).status).toBe(204);
});
afterEach(async () => {
  expect((await t.emu.client.control("DELETE", "/faults")).status).toBe(204);
});

interface FaultCase {
  kind: KindName;
  route: string;
  /** Makes what the object needs; returns its declaration and the listing to count it in. */
  setup(): Promise<{ declaration: Values; list: string; matches(item: Json): boolean }>;
}

const orgOf = async () => (await t.emu.fx.org()).id as string;

const CASES: FaultCase[] = [
  {
    kind: "Organization",
    route: "POST /v1/orgs",
    setup: async () => {
      const slug = unique("once");
      return { declaration: { name: "Once", slug }, list: "/v1/orgs", matches: (o) => o.slug === slug };
    },
  },
  {
    kind: "Workspace",
    route: "POST /v1/workspaces",
    setup: async () => {
      const orgId = await orgOf();
      return {
        declaration: { organizationId: orgId, name: "Once", slug: "once" },
        list: `/v1/workspaces?organization_id=${orgId}`,
        matches: (w) => w.slug === "once",
      };
    },
  },
  {
    kind: "OrganizationMember",
    route: "POST /v1/orgs/:org_id/members",
    setup: async () => {
      const orgId = await orgOf();
      const email = `${unique("once")}@example.com`;
      return {
        declaration: { organizationId: orgId, email, role: "viewer" },
        list: `/v1/orgs/${orgId}/members`,
        matches: (m) => m.email === email,
      };
    },
  },
  {
    kind: "WorkspaceMember",
    route: "POST /v1/workspaces/:ws_id/members",
    setup: async () => {
      const orgId = await orgOf();
      const ws = await t.emu.fx.workspace(orgId);
      const member = await t.emu.fx.member(orgId, "billing");
      return {
        declaration: { workspaceId: ws.id, userId: member.userId, role: "member" },
        list: `/v1/workspaces/${ws.id}/members`,
        matches: (m) => m.user_id === member.userId,
      };
    },
  },
  {
    kind: "Domain",
    route: "POST /v1/orgs/:org_id/domains",
    setup: async () => {
      const orgId = await orgOf();
      const domain = `${unique("once")}.example.com`;
      return {
        declaration: { organizationId: orgId, domain },
        list: `/v1/orgs/${orgId}/domains`,
        matches: (d) => d.domain === domain,
      };
    },
  },
  {
    kind: "Integration",
    route: "POST /v1/integrations",
    setup: async () => {
      const orgId = await orgOf();
      return {
        declaration: {
          organizationId: orgId,
          type: "jira",
          config: { site_url: "https://apex.atlassian.net", email: "ops@example.com" },
          secrets: { api_token: "jira-once" },
        },
        list: `/v1/integrations?organization_id=${orgId}`,
        matches: (i) => i.type === "jira",
      };
    },
  },
];

test.each(CASES.map((c) => [c.kind, c] as const))(
  "%s: a create whose answer is lost after the commit makes exactly one object",
  async (kind, c) => {
    const { declaration, list, matches } = await c.setup();
    const declared = declare(kind, declaration);
    must(
      await t.emu.client.control("POST", "/faults", {
        kind: "error",
        status: 503,
        route: c.route,
        phase: "after",
        count: 1,
      }),
      201,
      "add a fault",
    );

    const created = await t.engine.create(kind, declared);
    expect(changesOf(kind, created.state, declared)).toEqual([]);

    const statuses = must(await t.emu.client.control("GET", "/requests"), 200, "read counters").routes[c.route]
      .statuses;
    expect(statuses["503"]).toBe(1);
    const found = (await t.emu.fx.all(list)).filter(matches);
    expect(found).toHaveLength(1);
    expect(created.id).toContain(found[0].id ?? found[0].user_id);
  },
);
