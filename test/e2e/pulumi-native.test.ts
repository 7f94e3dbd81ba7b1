/**
 * The native provider `pulumi-resource-scrums` through the real `pulumi` CLI against the emulator:
 * a TypeScript program declares `scrums:index:<Kind>` resources (as a program without the typed SDK
 * does), the plugin is found on PATH, as an ambient plugin. One stack goes through create, no-change
 * preview, a member's role change as one update, drift, import of each kind and destroy; others
 * check validation at preview, SSO in one apply, the policy pack and moving a stack off the dynamic
 * resources.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Declaration, Value } from "./fixtures/pulumi-declare/declaration";
import { POLICY_CASES } from "../fixtures/policy-cases";
import { requestCounts } from "../support/create-faults";
import { unique } from "../support/emulator-client";
import { TEST_CERT, testSaml, useEmulator } from "../support/emulator-fixtures";
import { NATIVE_PLUGIN_ENV, PulumiWorkspace, type PulumiStack, type StateResource } from "../support/pulumi-stack";
import { leakedLines } from "../support/secret-leaks";
import { run } from "../support/run";
import { repoRoot } from "../support/tools";

const ctx = useEmulator();
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());

const api = () => ({ url: ctx.env.emulator.url, token: ctx.env.emulator.token });
const nativeStack = (name: string) => pulumi.stack(name, api(), { env: NATIVE_PLUGIN_ENV });

const ADMIN_EMAIL = "admin@emulator.scrums.dev";
const WEBHOOK_SECRET = `whsec-${randomBytes(12).toString("hex")}`;
const CERT_LINES = TEST_CERT.split("\n").filter((line) => line && !line.startsWith("-----"));
const ref = (name: string, output = "id"): Value => ({ $ref: name, output });

const SUBJECTS = {
  org: "Organization",
  ws: "Workspace",
  om: "OrganizationMember",
  wm: "WorkspaceMember",
  dom: "Domain",
  int: "Integration",
} as const;
type Subject = keyof typeof SUBJECTS;
const subjectNames = Object.keys(SUBJECTS) as Subject[];

const domainName = `${unique("native")}.example.com`;
const saml = testSaml(domainName);
const declaration: Declaration = {
  native: true,
  resources: {
    parent: { type: "Organization", args: { name: "Parent", slug: unique("native-parent") } },
    owner: {
      type: "OrganizationMember",
      args: {
        organizationId: ref("parent"),
        email: ADMIN_EMAIL,
        role: "owner",
        adoptExisting: true,
        // An organization keeps its last owner: destroy leaves it.
        deletionPolicy: "retain",
      },
    },
    org: { type: "Organization", args: { name: "Subject", slug: unique("native-subject"), requireMfa: true } },
    ws: { type: "Workspace", args: { organizationId: ref("parent"), name: "Home", slug: "home" } },
    om: {
      type: "OrganizationMember",
      args: { organizationId: ref("parent"), email: `${unique("member")}@example.com`, role: "admin" },
    },
    wm: {
      type: "WorkspaceMember",
      args: { workspaceId: ref("ws"), userId: ref("om", "userId"), role: "member", organizationRole: "admin" },
    },
    dom: {
      type: "Domain",
      args: {
        organizationId: ref("parent"),
        domain: domainName,
        ssoEnforcement: "saml",
        saml,
        scimEnabled: true,
        waitForVerification: true,
      },
    },
    int: {
      type: "Integration",
      args: {
        workspaceId: ref("ws"),
        type: "github",
        config: { org: "acme", repositories: ["api"] },
        secrets: { webhook_secret: { $secret: WEBHOOK_SECRET } },
      },
    },
  },
  outputs: { scimToken: ref("dom", "scimToken") },
};
const change = (name: string, args: Record<string, Value>) => Object.assign(declaration.resources[name]!.args, args);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A step line of Pulumi's progress output: `~  scrums:index:Workspace ws update`. */
const stepLine = (op: string, name: Subject, verb: string) =>
  new RegExp(`${escape(op)}\\s+scrums:index:${SUBJECTS[name]}\\s+${name}\\s+${verb}`);

let stack: PulumiStack;
let state: Record<string, StateResource>;
const snapshot = async () => (state = await stack.resources());

const getData = async (urlPath: string) => {
  const res = await ctx.client.api("GET", urlPath);
  return res.status === 200 ? res.body.data : null;
};

beforeAll(async () => {
  await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
  stack = await nativeStack("native");
});

describe("the native provider, every kind", () => {
  let verboseUp = "";

  it("creates one object of each kind", async () => {
    stack.declare(declaration);
    const up = await stack.up("--logtostderr", "-v=9");
    verboseUp = up.stdout + up.stderr;
    expect(up.stdout).toMatch(/\+ 9 created/);
    for (const name of subjectNames) expect(up.stdout).toMatch(stepLine("+", name, "created"));
    await snapshot();
    expect(Object.fromEntries(subjectNames.map((name) => [name, state[name]?.kind]))).toEqual(SUBJECTS);
    const org = await getData(`/v1/orgs/${state.org!.id}`);
    expect(org).toMatchObject({ name: "Subject", settings: { require_mfa: true } });
    const [wsId, userId] = state.wm!.id.split("/");
    expect(await getData(`/v1/workspaces/${wsId}/members/${userId}`)).toMatchObject({ role: "member" });
    const dom = await getData(`/v1/orgs/${state.parent!.id}/domains/${state.dom!.id}`);
    expect(dom).toMatchObject({ verified: true, sso_enforcement: "saml", scim_enabled: true });
  });

  it("keeps the certificate, integration secrets, API token and SCIM token out of state, output and logs", async () => {
    const scimToken = await stack.secretOutput("scimToken");
    expect(scimToken).toMatch(/^scim_[A-Za-z0-9_-]{20,}$/);
    expect(await stack.output("scimToken")).toBe("[secret]");
    const secrets = [WEBHOOK_SECRET, ctx.env.emulator.token, scimToken, ...CERT_LINES];
    expect(leakedLines(await stack.exported(), secrets)).toEqual([]);
    expect(leakedLines(verboseUp, secrets)).toEqual([]);
  });

  it("previews no changes right after creating", async () => {
    const preview = await stack.preview("--expect-no-changes");
    expect(preview.stdout).toMatch(/9 unchanged/);
  });

  it("changes a member's role as one update: the workspace membership built on its userId is left alone", async () => {
    const membership = state.wm!.id;
    change("om", { role: "billing" });
    // Context only: the workspace role stays within the new organization role, and nothing of the membership changes.
    change("wm", { organizationRole: "billing" });
    stack.declare(declaration);
    const preview = await stack.preview("--diff");
    expect(preview.stdout).toMatch(/~ 1 to update/);
    expect(preview.stdout).not.toMatch(/replace/);
    const { steps } = JSON.parse((await stack.preview("--json")).stdout) as {
      steps: Array<{ urn: string; op: string; detailedDiff?: Record<string, { kind: string; inputDiff: boolean }> }>;
    };
    const om = steps.find((step) => step.urn.endsWith("::om"));
    expect({ op: om?.op, detailedDiff: om?.detailedDiff }).toEqual({
      op: "update",
      detailedDiff: { role: { kind: "update", inputDiff: true } },
    });
    // The JSON lists the steps that change something: the membership is not among them.
    expect(steps.filter((step) => step.op !== "same").map((step) => step.urn.split("::").pop())).toEqual(["om"]);
    await stack.up();
    await snapshot();
    const [wsId, userId] = state.wm!.id.split("/");
    expect(await getData(`/v1/orgs/${state.parent!.id}/members/${userId}`)).toMatchObject({ role: "billing" });
    expect(await getData(`/v1/workspaces/${wsId}/members/${userId}`)).toMatchObject({ role: "member" });
    expect(state.wm!.id).toBe(membership);
    await stack.preview("--expect-no-changes");
  });

  it("refreshes drift made through the API, and up restores the declaration", async () => {
    const patched = await ctx.client.api("PATCH", `/v1/orgs/${state.org!.id}`, { body: { name: "Drifted" } });
    expect(patched.status).toBe(200);
    await stack.refresh();
    const preview = await stack.preview();
    expect(preview.stdout).toMatch(stepLine("~", "org", "update"));
    await stack.up();
    expect(await getData(`/v1/orgs/${state.org!.id}`)).toMatchObject({ name: "Subject" });
    await stack.preview("--expect-no-changes");
  });

  it("imports each kind by its documented ids, and the declaration it holds previews no changes", async () => {
    const imported = await nativeStack("native-import");
    const [wsId, userId] = state.wm!.id.split("/");
    const parentId = state.parent!.id;
    const importIds: Record<Subject, string> = {
      org: state.org!.id,
      ws: state.ws!.id,
      om: `${parentId}/${String(declaration.resources.om!.args.email)}`,
      wm: `${wsId}/${userId}`,
      dom: `${parentId}/${domainName}`,
      int: state.int!.id,
    };
    for (const name of subjectNames) {
      await imported.pulumi([
        "import",
        `scrums:index:${SUBJECTS[name]}`,
        name,
        importIds[name],
        "--yes",
        "--protect=false",
        "--generate-code=false",
      ]);
    }
    const held = await imported.resources();
    expect(Object.fromEntries(subjectNames.map((name) => [name, held[name]?.id]))).toEqual(
      Object.fromEntries(subjectNames.map((name) => [name, state[name]!.id])),
    );
    // The declaration `pulumi import` would print: literal ids, no write-only values (the platform never returns them).
    const literal = (name: string, args: Record<string, Value>) => ({ type: SUBJECTS[name as Subject], args });
    imported.declare({
      native: true,
      resources: {
        org: literal("org", { name: "Subject", slug: declaration.resources.org!.args.slug!, requireMfa: true }),
        ws: literal("ws", { organizationId: parentId, name: "Home", slug: "home" }),
        om: literal("om", { organizationId: parentId, email: declaration.resources.om!.args.email!, role: "billing" }),
        wm: literal("wm", { workspaceId: wsId!, userId: userId!, role: "member" }),
        dom: literal("dom", {
          organizationId: parentId,
          domain: domainName,
          ssoEnforcement: "saml",
          saml: { entityId: saml.entityId, acsUrl: saml.acsUrl },
          scimEnabled: true,
        }),
        int: literal("int", { workspaceId: wsId!, type: "github", config: { org: "acme", repositories: ["api"] } }),
      },
    });
    const preview = await imported.preview("--expect-no-changes");
    expect(preview.stdout).toMatch(/7 unchanged/);
    // Forget them again: this stack does not own them.
    for (const name of subjectNames)
      await imported.pulumi([
        "state",
        "delete",
        `urn:pulumi:native-import::scrums-declare::scrums:index:${SUBJECTS[name]}::${name}`,
        "--yes",
      ]);
  });

  it("destroys every object", async () => {
    await stack.destroy();
    expect(await getData(`/v1/integrations/${state.int!.id}`)).toBeNull();
    expect(await getData(`/v1/orgs/${state.org!.id}`)).toMatchObject({ status: "closed" });
  });
});

describe("the native provider, one resource at a time", () => {
  it("fails a bad input at preview, naming the field, the reason and what is allowed, before anything is sent", async () => {
    const bad = await nativeStack("native-bad");
    await ctx.client.control("DELETE", "/requests");
    const failures = async (resources: Declaration["resources"]) => {
      bad.declare({ native: true, resources });
      const preview = await bad.pulumi(["preview"], { allowFailure: true });
      expect(preview.code).not.toBe(0);
      return preview.stdout;
    };
    expect(
      await failures({
        org: { type: "Organization", args: { name: "Bad", slug: "Not A Slug", defaultCurrency: "XYZ" } },
      }),
    ).toMatch(/property slug value \{Not A Slug\} has a problem: must be lowercase letters, digits and single hyphens/);
    // A cross-resource rule, through the context input the native provider takes.
    const member = { workspaceId: "WS-26-000001", userId: "USR-26-000001", role: "admin", organizationRole: "viewer" };
    expect(await failures({ wm: { type: "WorkspaceMember", args: member } })).toMatch(
      /property role value \{admin\} has a problem: exceeds the user's organization role viewer: allowed are viewer/,
    );
    const writes = Object.keys(await requestCounts(ctx)).filter((route) => !route.startsWith("GET "));
    expect(writes).toEqual([]);
  });

  it("enforces SSO on a new organization in one apply, through plannedSsoDomains", async () => {
    const sso = await nativeStack("native-sso");
    const domain = `${unique("sso")}.example.com`;
    const org = { name: "SSO", slug: unique("native-sso"), enforceSso: true };
    // The provider sees one resource at a time: without the planned domains, the organization cannot enforce SSO.
    sso.declare({ native: true, resources: { org: { type: "Organization", args: org } } });
    const refused = await sso.pulumi(["preview"], { allowFailure: true });
    expect(refused.stdout).toMatch(
      /property enforceSso value \{true\} has a problem: a new organization can enforce SSO only/,
    );
    sso.declare({
      native: true,
      resources: {
        org: { type: "Organization", args: { ...org, plannedSsoDomains: [domain] } },
        dom: {
          type: "Domain",
          args: {
            organizationId: ref("org"),
            domain,
            ssoEnforcement: "saml",
            saml: testSaml(domain),
            waitForVerification: true,
          },
        },
      },
    });
    await sso.up();
    const orgId = (await sso.resources()).org!.id;
    expect(await getData(`/v1/orgs/${orgId}`)).toMatchObject({ settings: { enforce_sso: true } });
    await sso.preview("--expect-no-changes");
    await sso.destroy();
  });

  it("looks an organization, a workspace and the role catalogue up through its functions", async () => {
    const lookups = await nativeStack("native-lookups");
    const slug = unique("native-lookup");
    lookups.declare({
      native: true,
      resources: {
        org: { type: "Organization", args: { name: "Looked up", slug } },
        ws: { type: "Workspace", args: { organizationId: ref("org"), name: "Home", slug: "home" } },
      },
      outputs: {
        // By the organization's output, so the lookup waits for its creation.
        org: { $invoke: "scrums:index:getOrganization", args: { slug: ref("org", "slug") } },
        ws: { $invoke: "scrums:index:getWorkspace", args: { organizationId: ref("org"), slug: ref("ws", "slug") } },
        roles: { $invoke: "scrums:index:getRoles", args: { organizationId: ref("org") } },
      },
    });
    await lookups.up();
    const held = await lookups.resources();
    const output = async (name: string) =>
      JSON.parse((await lookups.pulumi(["stack", "output", name, "--json"])).stdout);
    expect(await output("org")).toMatchObject({ id: held.org!.id, name: "Looked up", slug, status: "active" });
    expect(await output("ws")).toMatchObject({ id: held.ws!.id, organizationId: held.org!.id, slug: "home" });
    const { roles } = await output("roles");
    expect(roles.map((role: { role: string }) => role.role)).toContain("owner");

    lookups.declare({
      native: true,
      resources: {},
      outputs: { org: { $invoke: "scrums:index:getOrganization", args: { slug: "no-such-organization" } } },
    });
    const missing = await lookups.pulumi(["preview"], { allowFailure: true });
    expect(missing.code).not.toBe(0);
    expect(missing.stdout + missing.stderr).toMatch(/no Organization with slug "no-such-organization"/);
    await lookups.destroy();
  });

  it("is judged by the policy pack like the dynamic resources", async () => {
    const [mfa] = POLICY_CASES;
    const violating = await nativeStack("native-policy");
    violating.declare({ ...mfa!.fails, native: true });
    const blocked = await violating.pulumi(["preview", "--policy-pack", path.join(repoRoot, "policy/pulumi-pack")], {
      allowFailure: true,
    });
    expect(blocked.code).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`).toMatch(
      /\[mandatory\]\s+sso-and-mfa-enforced[\s\S]*must set requireMfa to true/,
    );
  });
});

describe("moving a stack from the dynamic resources to the native provider", () => {
  it("forgets the dynamic resources, imports them from the file scrums-iac writes, and previews no changes", async () => {
    const moving = await nativeStack("migrate");
    const domain = `${unique("migrate")}.example.com`;
    const moved: Declaration = {
      resources: {
        org: { type: "Organization", args: { name: "Moving", slug: unique("migrate") } },
        ws: { type: "Workspace", args: { organizationId: ref("org"), name: "Home", slug: "home" } },
        member: {
          type: "OrganizationMember",
          args: { organizationId: ref("org"), email: `${unique("moving")}@example.com`, role: "admin" },
        },
        dom: { type: "Domain", args: { organizationId: ref("org"), domain } },
      },
    };
    moving.declare(moved);
    await moving.up();
    const before = await moving.resources();

    const exported = path.join(moving.dir, "stack.json");
    const importFile = path.join(moving.dir, "import.json");
    await moving.pulumi(["stack", "export", "--file", exported]);
    const migrate = await run(
      "node",
      [path.join(repoRoot, "bin/scrums-iac"), "pulumi", "migrate-file", exported, importFile],
      {
        cwd: repoRoot,
      },
    );
    const forget = migrate.stdout.trim().split("\n");
    expect(forget).toHaveLength(4);
    for (const urn of forget) await moving.pulumi(["state", "delete", urn, "--yes"]);
    await moving.pulumi(["import", "--file", importFile, "--yes", "--protect=false", "--generate-code=false"]);

    const after = await moving.resources();
    const held = (resources: Record<string, StateResource>) =>
      Object.fromEntries(Object.entries(resources).map(([name, resource]) => [name, [resource.kind, resource.id]]));
    expect(held(after)).toEqual(held(before));
    const { deployment } = JSON.parse(await moving.exported()) as { deployment: { resources: { type: string }[] } };
    expect(deployment.resources.map((resource) => resource.type).filter((type) => type.includes("dynamic"))).toEqual(
      [],
    );
    moving.declare({ ...moved, native: true });
    await moving.preview("--expect-no-changes");
    // An import records no dependencies between the resources: the first up records the program's, changing nothing.
    const up = await moving.up();
    expect(up.stdout).toMatch(/5 unchanged/);
    await moving.destroy();
  });
});
