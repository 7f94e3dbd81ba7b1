/**
 * The six Pulumi resources through the real `pulumi` CLI against the emulator over HTTP: one stack
 * holds one subject resource of each kind and goes through create, no-change preview, in-place
 * update, replacement, drift, out-of-band deletion and destroy, checking the platform through the
 * API after each step; secrets are looked for everywhere they must not be.
 *
 * Not covered because it cannot work: `pulumi import` and `Resource.get` ask the provider to read an
 * object that is not in state yet, and a dynamic provider's code travels only inside each resource's
 * state (`__provider`), so there is nothing to ask (the native provider will serve both).
 */
import { randomBytes } from "node:crypto";
import type { Declaration, Value } from "./fixtures/pulumi-declare/declaration";
import { unique } from "../support/emulator-client";
import { TEST_CERT, useEmulator } from "../support/emulator-fixtures";
import { PulumiWorkspace, type PulumiStack, type StateResource } from "../support/pulumi-stack";
import { leakedLines } from "../support/secret-leaks";

const logLines: string[] = [];
const ctx = useEmulator({ log: (line) => logLines.push(line) });
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());

const ADMIN_EMAIL = "admin@emulator.scrums.dev";
const WEBHOOK_SECRET = `whsec-${randomBytes(12).toString("hex")}`;
const GITLAB_TOKEN = `glpat-${randomBytes(12).toString("hex")}`;
const CERT_LINES = TEST_CERT.split("\n").filter((line) => line && !line.startsWith("-----"));

/** The resource under test of each kind, by its name in the program. */
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

const ref = (name: string, output = "id"): Value => ({ $ref: name, output });

function initialDeclaration(): Declaration {
  const parent = ref("parent");
  const domain = `${unique("d")}.example.com`;
  return {
    resources: {
      parent: { type: "Organization", args: { name: "Parent", slug: unique("parent") } },
      owner: {
        type: "OrganizationMember",
        args: { organizationId: parent, email: ADMIN_EMAIL, role: "owner", adoptExisting: true },
      },
      home: { type: "Workspace", args: { organizationId: parent, name: "Home", slug: "home" } },
      base: {
        type: "OrganizationMember",
        args: { organizationId: parent, email: `${unique("base")}@example.com`, role: "admin" },
      },
      other: {
        type: "OrganizationMember",
        args: { organizationId: parent, email: `${unique("other")}@example.com`, role: "admin" },
      },
      org: { type: "Organization", args: { name: "Subject", slug: unique("subject"), requireMfa: false } },
      ws: { type: "Workspace", args: { organizationId: parent, name: "Subject workspace", slug: "subject" } },
      om: {
        type: "OrganizationMember",
        args: { organizationId: parent, email: `${unique("member")}@example.com`, role: "viewer" },
      },
      wm: {
        type: "WorkspaceMember",
        args: { workspaceId: ref("home"), userId: ref("base", "userId"), role: "viewer" },
      },
      dom: {
        type: "Domain",
        args: {
          organizationId: parent,
          domain,
          ssoEnforcement: "saml",
          // Plaintext on purpose: the front end must make the certificate a secret by itself.
          saml: {
            entityId: `https://idp.${domain}/metadata`,
            acsUrl: `https://idp.${domain}/acs`,
            certificate: TEST_CERT,
          },
          scimEnabled: true,
          waitForVerification: true,
        },
      },
      int: {
        type: "Integration",
        args: {
          workspaceId: ref("home"),
          type: "github",
          config: { org: "acme", repositories: ["api"] },
          secrets: { webhook_secret: { $secret: WEBHOOK_SECRET } },
        },
      },
    },
    outputs: { scimToken: ref("dom", "scimToken") },
  };
}

const declaration: Declaration = initialDeclaration();
const change = (name: string, args: Record<string, Value>) => Object.assign(declaration.resources[name]!.args, args);

let stack: PulumiStack;
/** The state's resources as the last `snapshot()` saw them. */
let state: Record<string, StateResource>;
const snapshot = async () => (state = await stack.resources());

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A step line of Pulumi's progress output: `~  pulumi-nodejs:dynamic/scrums:Workspace ws update`. */
const stepLine = (op: string, name: Subject, verb: string) =>
  new RegExp(`${escape(op)}\\s+pulumi-nodejs:dynamic/scrums:${SUBJECTS[name]} ${name} ${verb}`);

function platformPath(resource: StateResource): string {
  const [first, second] = resource.id.split("/");
  switch (resource.kind) {
    case "Organization":
      return `/v1/orgs/${resource.id}`;
    case "Workspace":
      return `/v1/workspaces/${resource.id}`;
    case "OrganizationMember":
      return `/v1/orgs/${first}/members/${second}`;
    case "WorkspaceMember":
      return `/v1/workspaces/${first}/members/${second}`;
    case "Domain":
      return `/v1/orgs/${String(resource.outputs.organizationId)}/domains/${resource.id}`;
    default:
      return `/v1/integrations/${resource.id}`;
  }
}

/** The platform's object, or null when it is gone, closed or archived. */
async function onPlatform(resource: StateResource) {
  const res = await ctx.client.api("GET", platformPath(resource));
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  const data = res.body.data;
  return data.status === "closed" || data.status === "archived" ? null : data;
}

const platformOf = async (name: Subject) => onPlatform(state[name]!);

/** What the platform shows of each subject, in the terms the test changes. */
async function platformView() {
  const [org, ws, om, wm, dom, int] = await Promise.all(subjectNames.map(platformOf));
  return {
    org: { name: org.name, slug: org.slug, requireMfa: org.settings.require_mfa },
    ws: { name: ws.name, slug: ws.slug, requireTaskServiceLine: ws.settings.require_task_service_line },
    om: { email: om.email, role: om.role },
    wm: { userId: wm.user_id, role: wm.role },
    dom: {
      domain: dom.domain,
      verified: dom.verified,
      jit: dom.jit_provisioning_enabled,
      sso: dom.sso_enforcement,
      scim: dom.scim_enabled,
    },
    int: { type: int.type, config: int.config },
  };
}

beforeAll(async () => {
  await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
  stack = await pulumi.stack("resources", { url: ctx.env.emulator.url, token: ctx.env.emulator.token });
});

describe("Pulumi resources of every kind against the emulator", () => {
  let verboseUp = "";
  let scimToken = "";

  it("creates one object of each kind", async () => {
    stack.declare(declaration);
    const up = await stack.up("--logtostderr", "-v=9");
    verboseUp = up.stdout + up.stderr;
    expect(up.stdout).toMatch(/\+ 12 created/);
    await snapshot();
    expect(await platformView()).toEqual({
      org: { name: "Subject", slug: declaration.resources.org!.args.slug, requireMfa: false },
      ws: { name: "Subject workspace", slug: "subject", requireTaskServiceLine: false },
      om: { email: declaration.resources.om!.args.email, role: "viewer" },
      wm: { userId: state.base!.outputs.userId, role: "viewer" },
      dom: { domain: declaration.resources.dom!.args.domain, verified: true, jit: false, sso: "saml", scim: true },
      int: { type: "github", config: { org: "acme", repositories: ["api"], webhook_secret: "********" } },
    });
  });

  it("keeps the certificate, integration secrets, API token and SCIM token out of state, output and logs", async () => {
    scimToken = await stack.secretOutput("scimToken");
    expect(scimToken).toMatch(/^scim_[A-Za-z0-9_-]{20,}$/);
    expect(await stack.output("scimToken")).toBe("[secret]");
    const secrets = [WEBHOOK_SECRET, ctx.env.emulator.token, scimToken, ...CERT_LINES];
    expect(leakedLines(await stack.exported(), secrets)).toEqual([]);
    expect(leakedLines(verboseUp, secrets)).toEqual([]);
  });

  it("previews no changes right after creating", async () => {
    const preview = await stack.preview("--expect-no-changes");
    expect(preview.stdout).toMatch(/12 unchanged/);
  });

  it("updates a mutable field of each kind in place", async () => {
    const ids = Object.fromEntries(subjectNames.map((name) => [name, state[name]!.id]));
    change("org", { name: "Subject renamed", requireMfa: true });
    change("ws", { name: "Subject workspace renamed", requireTaskServiceLine: true });
    change("om", { role: "billing" });
    change("wm", { role: "member" });
    change("dom", { jitProvisioningEnabled: true });
    change("int", { config: { org: "acme", repositories: ["api", "web"] } });
    stack.declare(declaration);

    const preview = await stack.preview();
    for (const name of subjectNames) expect(preview.stdout).toMatch(stepLine("~", name, "update"));
    expect(preview.stdout).toMatch(/~ 6 to update/);
    expect(preview.stdout).not.toMatch(/replace/);

    const up = await stack.up();
    expect(up.stdout).toMatch(/~ 6 updated/);
    await snapshot();
    expect(Object.fromEntries(subjectNames.map((name) => [name, state[name]!.id]))).toEqual(ids);
    expect(await platformView()).toMatchObject({
      org: { name: "Subject renamed", requireMfa: true },
      ws: { name: "Subject workspace renamed", requireTaskServiceLine: true },
      om: { role: "billing" },
      wm: { role: "member" },
      dom: { jit: true },
      int: { config: { repositories: ["api", "web"] } },
    });
  });

  it("replaces each kind when an immutable field changes", async () => {
    const before = { ...state };
    const slug = unique("subject");
    const domain = `${unique("d")}.example.com`;
    change("org", { slug });
    change("ws", { slug: "subject-2" });
    change("om", { email: `${unique("member")}@example.com` });
    change("wm", { userId: ref("other", "userId") });
    change("dom", {
      domain,
      saml: { entityId: `https://idp.${domain}/metadata`, acsUrl: `https://idp.${domain}/acs`, certificate: TEST_CERT },
    });
    change("int", { type: "gitlab", config: { group: "acme" }, secrets: { access_token: { $secret: GITLAB_TOKEN } } });
    stack.declare(declaration);

    const preview = await stack.preview();
    for (const name of subjectNames) expect(preview.stdout).toMatch(stepLine("+-", name, "replace"));
    expect(preview.stdout).toMatch(/\+-6 to replace/);

    const up = await stack.up();
    for (const name of subjectNames) expect(up.stdout).toMatch(stepLine("+-", name, "replaced"));
    expect(await stack.exported()).not.toContain(GITLAB_TOKEN);
    await snapshot();
    for (const name of subjectNames) {
      expect({ name, old: await onPlatform(before[name]!) }).toEqual({ name, old: null });
      expect(state[name]!.id).not.toBe(before[name]!.id);
    }
    expect(await platformView()).toMatchObject({
      org: { slug },
      ws: { slug: "subject-2" },
      om: { email: declaration.resources.om!.args.email },
      wm: { userId: state.other!.outputs.userId },
      dom: { domain, verified: true, sso: "saml", scim: true },
      int: { type: "gitlab", config: { group: "acme", access_token: "********" } },
    });
  });

  it("refreshes drift made through the API, and up restores the declaration", async () => {
    const desired = await platformView();
    const patch = (name: Subject, body: unknown) => ctx.client.api("PATCH", platformPath(state[name]!), { body });
    const patched = await Promise.all([
      patch("org", { name: "Drifted" }),
      patch("ws", { name: "Drifted" }),
      patch("om", { role: "admin" }),
      patch("wm", { role: "viewer" }),
      patch("dom", { jit_provisioning_enabled: false }),
      patch("int", { config: { group: "drifted" } }),
    ]);
    expect(patched.map((res) => res.status)).toEqual(subjectNames.map(() => 200));

    await stack.refresh();
    const preview = await stack.preview();
    for (const name of subjectNames) expect(preview.stdout).toMatch(stepLine("~", name, "update"));

    await stack.up();
    expect(await platformView()).toEqual(desired);
    await stack.preview("--expect-no-changes");
  });

  it("drops objects deleted through the API on refresh, and up recreates them", async () => {
    const removed = await Promise.all(subjectNames.map((name) => ctx.client.api("DELETE", platformPath(state[name]!))));
    expect(removed.map((res) => res.status < 300)).toEqual(subjectNames.map(() => true));

    const refresh = await stack.refresh();
    for (const name of subjectNames) expect(refresh.stdout).toMatch(stepLine("-", name, "deleted"));
    await snapshot();
    for (const name of subjectNames) expect(state[name]).toBeUndefined();

    // A closed organization and an archived workspace keep their slugs: the platform refuses a new object with the same one.
    const blocked = await stack.pulumi(["up", "--yes", "--skip-preview", "--continue-on-error"], {
      allowFailure: true,
    });
    expect(blocked.code).not.toBe(0);
    for (const name of ["org", "ws"] as const) {
      const error = new RegExp(
        `${SUBJECTS[name]} \\(${name}\\):\\s*\\n\\s*error: .* already exists and cannot be taken over \\(it is closed or archived.*declare another one \\(API code slug_taken\\)`,
      );
      expect(blocked.stdout).toMatch(error);
    }
    for (const name of ["om", "wm", "dom", "int"] as const)
      expect(blocked.stdout).toMatch(stepLine("+", name, "created"));

    change("org", { slug: unique("subject") });
    change("ws", { slug: "subject-3" });
    stack.declare(declaration);
    await stack.up();
    await snapshot();
    for (const name of subjectNames)
      expect({ name, found: (await platformOf(name)) !== null }).toEqual({ name, found: true });
    await stack.preview("--expect-no-changes");
  });

  it("refuses to remove the last owner with advice, then destroys everything else", async () => {
    const { owner } = state;
    const ownerDeclaration = declaration.resources.owner!;
    delete declaration.resources.owner;
    stack.declare(declaration);
    const refused = await stack.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toMatch(/OrganizationMember: the API refused DELETE \S+ with 409 last_owner/);
    expect(refused.stdout).toMatch(/make another member owner first, or set deletionPolicy: "retain"/);

    declaration.resources.owner = ownerDeclaration;
    change("owner", { deletionPolicy: "retain" });
    stack.declare(declaration);
    await stack.up();

    await snapshot();
    const destroy = await stack.destroy();
    expect(destroy.stdout).toMatch(/- 12 deleted/);
    for (const [name, resource] of Object.entries(state)) {
      if (name !== "owner") expect({ name, left: await onPlatform(resource) }).toEqual({ name, left: null });
    }
    const kept = await ctx.client.api("GET", platformPath(owner!));
    expect({ status: kept.status, role: kept.body.data?.role }).toEqual({ status: 200, role: "owner" });
  });

  it("never printed a secret in a run without verbose logs, nor in the emulator's request log", async () => {
    const printed = stack.transcript.filter((run) => !run.args.includes("-v=9")).map((run) => run.printed);
    expect(logLines.length).toBeGreaterThan(0);
    for (const [place, text] of Object.entries({ pulumi: printed.join("\n"), requestLog: logLines.join("\n") })) {
      for (const secret of [WEBHOOK_SECRET, GITLAB_TOKEN, ctx.env.emulator.token, scimToken, ...CERT_LINES]) {
        expect({ place, leaked: text.includes(secret) && secret }).toEqual({ place, leaked: false });
      }
    }
  });
});
