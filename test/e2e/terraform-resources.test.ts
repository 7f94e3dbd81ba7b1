/**
 * The six Terraform resources through the real `terraform` and `tofu` binaries (each the setup
 * provisioned) against the emulator over HTTP: one configuration holds one subject resource of each
 * kind and goes through apply, a plan with no changes, in-place update, replacement, drift (a SAML
 * certificate changed outside too), out-of-band deletion, import and destroy, checking the platform
 * through the API after each step; secrets are looked for in every place they must not be, trace
 * logs included.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unique } from "../support/emulator-client";
import { TEST_CERT, useEmulator } from "../support/emulator-fixtures";
import { expr, type HclValue, resources } from "../support/hcl";
import { type TerraformWorkdir, useTerraformWorkdirs } from "../support/terraform-workdir";
import { terraformClients } from "../support/tools";

const logLines: string[] = [];
const ctx = useEmulator({ log: (line) => logLines.push(line) });
let tf: TerraformWorkdir;
const workdir = useTerraformWorkdirs(ctx);

const WEBHOOK_SECRET = `whsec-${randomBytes(12).toString("hex")}`;
const GITLAB_TOKEN = `glpat-${randomBytes(12).toString("hex")}`;
/** A certificate the identity provider's admin installs on the platform by hand: drift. */
const DRIFTED_CERT = TEST_CERT.replace("MIIBszCCAVmg", "MIIBszCCAVmh");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const CERT_LINES = TEST_CERT.split("\n").filter((line) => line && !line.startsWith("-----"));

const SUBJECTS = {
  org: "scrums_organization",
  ws: "scrums_workspace",
  om: "scrums_organization_member",
  wm: "scrums_workspace_member",
  dom: "scrums_domain",
  int: "scrums_integration",
} as const;
type Subject = keyof typeof SUBJECTS;
const subjectNames = Object.keys(SUBJECTS) as Subject[];
const address = (name: Subject) => `${SUBJECTS[name]}.${name}`;

const parentId = expr("scrums_organization.parent.id");
const saml = (domain: string) => ({
  entity_id: `https://idp.${domain}/metadata`,
  acs_url: `https://idp.${domain}/acs`,
  certificate: expr('file("${path.module}/idp.pem")'),
});

type Declared = Record<string, { type: string; args: Record<string, HclValue> }>;
/** A fresh declaration for each client's run, with names of its own. */
const declaration = (domainName = `${unique("d")}.example.com`): Declared => ({
  parent: { type: "scrums_organization", args: { name: "Parent", slug: unique("parent") } },
  home: { type: "scrums_workspace", args: { organization_id: parentId, name: "Home", slug: "home" } },
  base: {
    type: "scrums_organization_member",
    args: { organization_id: parentId, email: `${unique("base")}@example.com`, role: "admin" },
  },
  other: {
    type: "scrums_organization_member",
    args: { organization_id: parentId, email: `${unique("other")}@example.com`, role: "admin" },
  },
  org: { type: SUBJECTS.org, args: { name: "Subject", slug: unique("subject"), require_mfa: false } },
  ws: { type: SUBJECTS.ws, args: { organization_id: parentId, name: "Subject workspace", slug: "subject" } },
  om: {
    type: SUBJECTS.om,
    args: { organization_id: parentId, email: `${unique("Member")}@Example.com`, role: "viewer" },
  },
  wm: {
    type: SUBJECTS.wm,
    args: {
      workspace_id: expr("scrums_workspace.home.id"),
      user_id: expr("scrums_organization_member.base.user_id"),
      role: "viewer",
      organization_role: expr("scrums_organization_member.base.role"),
    },
  },
  dom: {
    type: SUBJECTS.dom,
    args: {
      organization_id: parentId,
      domain: domainName,
      sso_enforcement: "saml",
      saml: saml(domainName),
      scim_enabled: true,
      wait_for_verification: true,
    },
  },
  int: {
    type: SUBJECTS.int,
    args: {
      workspace_id: expr("scrums_workspace.home.id"),
      type: "github",
      config: { org: "acme", repositories: ["api"] },
      secrets: { webhook_secret: expr("var.webhook_secret") },
    },
  },
});
let declared: Declared;
const change = (name: string, args: Record<string, HclValue>) => Object.assign(declared[name]!.args, args);

const VARIABLES = `
variable "webhook_secret" {
  type      = string
  sensitive = true
  default   = "${WEBHOOK_SECRET}"
}
variable "gitlab_token" {
  type      = string
  sensitive = true
  default   = "${GITLAB_TOKEN}"
}
output "scim_token" {
  value     = scrums_domain.dom.scim_token
  sensitive = true
}
`;

const declare = () => tf.write(`${resources(declared)}${VARIABLES}`, { "idp.pem": TEST_CERT });

type State = Record<string, { values: Record<string, unknown> }>;
let state: State;
const snapshot = async () => (state = await tf.resources());
const idOf = (name: Subject) => String(state[address(name)]!.values.id);

function platformPath(name: Subject, values: Record<string, unknown>): string {
  const id = String(values.id);
  const [first, second] = id.split("/");
  switch (name) {
    case "org":
      return `/v1/orgs/${id}`;
    case "ws":
      return `/v1/workspaces/${id}`;
    case "om":
      return `/v1/orgs/${first}/members/${second}`;
    case "wm":
      return `/v1/workspaces/${first}/members/${second}`;
    case "dom":
      return `/v1/orgs/${String(values.organization_id)}/domains/${id}`;
    case "int":
      return `/v1/integrations/${id}`;
  }
}

/** The platform's object, or null when it is gone, closed or archived. */
async function onPlatform(name: Subject, values: Record<string, unknown>) {
  const res = await ctx.client.api("GET", platformPath(name, values));
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  const data = res.body.data;
  return data.status === "closed" || data.status === "archived" ? null : data;
}

async function platformView() {
  const [org, ws, om, wm, dom, int] = await Promise.all(
    subjectNames.map((name) => onPlatform(name, state[address(name)]!.values)),
  );
  return {
    org: { name: org.name, slug: org.slug, requireMfa: org.settings.require_mfa },
    ws: { name: ws.name, slug: ws.slug },
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

/** Terraform and OpenTofu 1.11 and later keep write-only attributes out of state; the provider echoes them to older clients. */
async function keepsWriteOnlyOutOfState(): Promise<boolean> {
  const { terraform_version: version } = JSON.parse((await tf.terraform(["version", "-json"])).stdout) as {
    terraform_version: string;
  };
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 1 || minor >= 11;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const planLine = (name: Subject, verb: string) => new RegExp(`# ${escape(address(name))} ${verb}`);

beforeAll(() => ctx.client.control("PUT", "/settings", { auto_verify_domains: true }));

describe.each(terraformClients())("Terraform resources of every kind against the emulator, with %s", (client) => {
  let scimToken = "";

  beforeAll(() => {
    tf = workdir(client);
    declared = declaration();
  });

  it("creates one object of each kind", async () => {
    declare();
    const apply = await tf.apply();
    expect(apply.stdout).toMatch(/Apply complete! Resources: 10 added, 0 changed, 0 destroyed/);
    await snapshot();
    expect(await platformView()).toEqual({
      org: { name: "Subject", slug: declared.org!.args.slug, requireMfa: false },
      ws: { name: "Subject workspace", slug: "subject" },
      om: { email: String(declared.om!.args.email).toLowerCase(), role: "viewer" },
      wm: { userId: state["scrums_organization_member.base"]!.values.user_id, role: "viewer" },
      dom: { domain: declared.dom!.args.domain, verified: true, jit: false, sso: "saml", scim: true },
      int: { type: "github", config: { org: "acme", repositories: ["api"], webhook_secret: "********" } },
    });
    // The email keeps the case it was declared in, though the platform lowercases it.
    expect(state[address("om")]!.values.email).toBe(declared.om!.args.email);
  });

  it("plans no changes right after applying", async () => {
    const plan = await tf.plan();
    expect({ code: plan.code, out: plan.stdout }).toEqual({ code: 0, out: expect.stringMatching(/No changes/) });
  });

  it("keeps write-only values out of state (echoed as sensitive attributes for an older client), and the SCIM token only as a sensitive attribute", async () => {
    scimToken = await tf.secretOutput("scim_token");
    expect(scimToken).toMatch(/^scim_[A-Za-z0-9_-]{20,}$/);
    const file = tf.stateFile();
    expect(file).not.toContain(ctx.env.emulator.token);
    const saved = JSON.parse(file) as {
      outputs: Record<string, { sensitive: boolean }>;
      resources: Array<{
        name: string;
        instances: Array<{ attributes: Record<string, unknown>; sensitive_attributes: unknown[] }>;
      }>;
    };
    const [domain, integration] = ["dom", "int"].map(
      (name) => saved.resources.find((r) => r.name === name)!.instances[0]!,
    );
    expect(domain!.attributes.scim_token).toBe(scimToken);
    expect(JSON.stringify(domain!.sensitive_attributes)).toContain('"scim_token"');
    // Held twice: by the resource's sensitive attribute and by the sensitive output, nowhere else.
    expect(saved.outputs.scim_token!.sensitive).toBe(true);
    expect(file.split(scimToken).length - 1).toBe(2);
    const certificateSha256 = expect.stringMatching(/^[0-9a-f]{64}$/);
    if (await keepsWriteOnlyOutOfState()) {
      for (const secret of [WEBHOOK_SECRET, ...CERT_LINES])
        expect({ leaked: file.includes(secret) && secret }).toEqual({ leaked: false });
      expect(domain!.attributes.saml).toMatchObject({ certificate: null, certificate_sha256: certificateSha256 });
    } else {
      expect(domain!.attributes.saml).toMatchObject({ certificate: TEST_CERT, certificate_sha256: certificateSha256 });
      expect(JSON.stringify(domain!.sensitive_attributes)).toContain('"certificate"');
      expect(integration!.attributes.secrets).toEqual({ webhook_secret: WEBHOOK_SECRET });
      expect(JSON.stringify(integration!.sensitive_attributes)).toContain('"secrets"');
    }
  });

  it("updates a mutable field of each kind in place", async () => {
    await snapshot();
    const ids = Object.fromEntries(subjectNames.map((name) => [name, idOf(name)]));
    change("org", { name: "Subject renamed", require_mfa: true });
    change("ws", { name: "Subject workspace renamed" });
    change("om", { role: "billing" });
    change("wm", { role: "member" });
    change("dom", { jit_provisioning_enabled: true });
    change("int", { config: { org: "acme", repositories: ["api", "web"] } });
    declare();

    const plan = await tf.plan();
    expect(plan.code).toBe(2);
    for (const name of subjectNames) expect(plan.stdout).toMatch(planLine(name, "will be updated in-place"));
    expect(plan.stdout).toMatch(/Plan: 0 to add, 6 to change, 0 to destroy/);

    const apply = await tf.apply();
    expect(apply.stdout).toMatch(/Resources: 0 added, 6 changed, 0 destroyed/);
    await snapshot();
    expect(Object.fromEntries(subjectNames.map((name) => [name, idOf(name)]))).toEqual(ids);
    expect(await platformView()).toMatchObject({
      org: { name: "Subject renamed", requireMfa: true },
      ws: { name: "Subject workspace renamed" },
      om: { role: "billing" },
      wm: { role: "member" },
      dom: { jit: true },
      int: { config: { repositories: ["api", "web"] } },
    });
    expect((await tf.plan()).code).toBe(0);
  });

  it("replaces each kind when an immutable field changes, marking what forces it", async () => {
    const before = Object.fromEntries(subjectNames.map((name) => [name, state[address(name)]!.values]));
    const slug = unique("subject");
    const domain = `${unique("d")}.example.com`;
    change("org", { slug });
    change("ws", { slug: "subject-2" });
    change("om", { email: `${unique("member")}@example.com` });
    change("wm", {
      user_id: expr("scrums_organization_member.other.user_id"),
      organization_role: expr("scrums_organization_member.other.role"),
    });
    change("dom", { domain, saml: saml(domain) });
    change("int", { type: "gitlab", config: { group: "acme" }, secrets: { access_token: expr("var.gitlab_token") } });
    declare();

    const plan = await tf.plan();
    for (const name of subjectNames) expect(plan.stdout).toMatch(planLine(name, "must be replaced"));
    for (const attribute of ["slug", "email", "user_id", "domain", "type"])
      expect(plan.stdout).toMatch(new RegExp(`~ ${attribute} +=.*# forces replacement`));
    expect(plan.stdout).toMatch(/Plan: 6 to add, 0 to change, 6 to destroy/);

    await tf.apply();
    await snapshot();
    for (const name of subjectNames) {
      expect({ name, old: await onPlatform(name, before[name]!) }).toEqual({ name, old: null });
      expect(idOf(name)).not.toBe(before[name]!.id);
    }
    expect(await platformView()).toMatchObject({
      org: { slug },
      ws: { slug: "subject-2" },
      wm: { userId: state["scrums_organization_member.other"]!.values.user_id },
      dom: { domain, verified: true, sso: "saml", scim: true },
      int: { type: "gitlab", config: { group: "acme", access_token: "********" } },
    });
    expect((await tf.plan()).code).toBe(0);
  });

  it("shows drift made through the API, a SAML certificate's too, and apply restores the declaration", async () => {
    const desired = await platformView();
    const patch = (name: Subject, body: unknown) =>
      ctx.client.api("PATCH", platformPath(name, state[address(name)]!.values), { body });
    const { entity_id, acs_url } = declared.dom!.args.saml as Record<string, HclValue>;
    const patched = await Promise.all([
      patch("org", { name: "Drifted" }),
      patch("ws", { name: "Drifted" }),
      patch("om", { role: "admin" }),
      patch("wm", { role: "viewer" }),
      patch("dom", { jit_provisioning_enabled: false, saml: { entity_id, acs_url, x509_cert: DRIFTED_CERT } }),
      patch("int", { config: { group: "drifted" } }),
    ]);
    expect(patched.map((res) => res.status)).toEqual(subjectNames.map(() => 200));

    const plan = await tf.plan();
    for (const name of subjectNames) expect(plan.stdout).toMatch(planLine(name, "will be updated in-place"));
    expect(plan.stdout).toMatch(
      new RegExp(`~ certificate_sha256 += "${sha256(DRIFTED_CERT)}" -> "${sha256(TEST_CERT)}"`),
    );
    await tf.apply();
    expect(await platformView()).toEqual(desired);
    const domain = await onPlatform("dom", state[address("dom")]!.values);
    expect(domain.saml.x509_cert_sha256).toBe(sha256(TEST_CERT));
    expect((await tf.plan()).code).toBe(0);
  });

  it("plans to recreate objects deleted through the API", async () => {
    const gone: Subject[] = ["om", "wm", "dom", "int"];
    const removed = await Promise.all(
      gone.map((name) => ctx.client.api("DELETE", platformPath(name, state[address(name)]!.values))),
    );
    expect(removed.map((res) => res.status < 300)).toEqual(gone.map(() => true));

    const plan = await tf.plan();
    for (const name of gone) expect(plan.stdout).toMatch(planLine(name, "will be created"));
    expect(plan.stdout).toMatch(/Plan: 4 to add, 0 to change, 0 to destroy/);
    await tf.apply();
    await snapshot();
    for (const name of gone)
      expect({ name, found: (await onPlatform(name, state[address(name)]!.values)) !== null }).toEqual({
        name,
        found: true,
      });
    expect((await tf.plan()).code).toBe(0);
  });

  it("imports objects made outside Terraform, by import blocks and by terraform import, with no changes after", async () => {
    const api = async (method: string, path: string, body: unknown) => {
      const res = await ctx.client.api(method, path, { body });
      expect({ path, status: res.status }).toEqual({ path, status: 201 });
      return res.body.data;
    };
    const org = await api("POST", "/v1/orgs", { name: "Made outside", slug: unique("outside") });
    const ws = await api("POST", "/v1/workspaces", { organization_id: org.id, name: "Outside", slug: "outside" });
    const member = await api("POST", `/v1/orgs/${org.id}/members`, {
      email: `${unique("outside")}@example.com`,
      role: "admin",
    });
    await api("POST", `/v1/workspaces/${ws.id}/members`, { user_id: member.user_id, role: "member" });
    const domain = await api("POST", `/v1/orgs/${org.id}/domains`, { domain: `${unique("outside")}.example.com` });
    const integration = await api("POST", "/v1/integrations", {
      workspace_id: ws.id,
      type: "github",
      config: { org: "outside" },
    });

    const imported = workdir();
    const config = resources({
      org: { type: "scrums_organization", args: { name: "Made outside", slug: org.slug } },
      ws: {
        type: "scrums_workspace",
        args: { organization_id: expr("scrums_organization.org.id"), name: "Outside", slug: "outside" },
      },
      om: {
        type: "scrums_organization_member",
        args: { organization_id: expr("scrums_organization.org.id"), email: member.email, role: "admin" },
      },
      wm: {
        type: "scrums_workspace_member",
        args: {
          workspace_id: expr("scrums_workspace.ws.id"),
          user_id: expr("scrums_organization_member.om.user_id"),
          role: "member",
          organization_role: expr("scrums_organization_member.om.role"),
        },
      },
      dom: {
        type: "scrums_domain",
        args: { organization_id: expr("scrums_organization.org.id"), domain: domain.domain },
      },
      int: {
        type: "scrums_integration",
        args: { workspace_id: expr("scrums_workspace.ws.id"), type: "github", config: { org: "outside" } },
      },
    });
    const importIds: Record<Subject, string> = {
      org: org.id,
      ws: ws.id,
      om: `${org.id}/${member.email}`,
      wm: `${ws.id}/${member.user_id}`,
      dom: `${org.id}/${domain.domain}`,
      int: integration.id,
    };
    const blocks = (names: Subject[]) =>
      names.map((name) => `import {\n  to = ${address(name)}\n  id = "${importIds[name]}"\n}\n`).join("\n");

    imported.write(`${config}\n${blocks(subjectNames.filter((name) => name !== "org"))}`);
    const byCommand = await imported.terraform(["import", "-input=false", address("org"), org.id]);
    expect(byCommand.stdout).toMatch(/Import successful!/);
    const plan = await imported.plan();
    expect(plan.stdout).toMatch(/Plan: 5 to import, 0 to add, 0 to change, 0 to destroy/);
    await imported.apply();
    expect((await imported.plan()).code).toBe(0);
  });

  it("generates configuration for imported SAML domains and integrations with secrets that validates, and plans only the imports", async () => {
    const org = await ctx.fx.org();
    const ws = await ctx.fx.workspace(org.id);
    const domain = await ctx.fx.verifiedDomain(org.id);
    const samlBody = {
      entity_id: `https://idp.${domain.domain}/metadata`,
      acs_url: `https://idp.${domain.domain}/acs`,
      x509_cert: TEST_CERT,
    };
    const patched = await ctx.client.api("PATCH", `/v1/orgs/${org.id}/domains/${domain.id}`, {
      body: { sso_enforcement: "saml", saml: samlBody },
    });
    expect(patched.status).toBe(200);
    const integrations = {
      slack: { type: "slack", config: { team_id: "T0123ABCD", channel: "#deployments", bot_token: "xoxb-outside" } },
      jira: {
        type: "jira",
        config: { site_url: "https://outside.atlassian.net", email: "ops@example.com", api_token: "jira-outside" },
      },
      gitlab: { type: "gitlab", config: { group: "outside", access_token: GITLAB_TOKEN } },
      vercel: { type: "vercel", config: { team_id: "team_outside", access_token: "vercel-outside" } },
    };
    const importIds: Record<string, string> = { "scrums_domain.sso": `${org.id}/${domain.id}` };
    for (const [name, body] of Object.entries(integrations)) {
      importIds[`scrums_integration.${name}`] = (await ctx.fx.integration({ workspace_id: ws.id, ...body })).id;
    }

    const imported = workdir();
    imported.write(
      Object.entries(importIds)
        .map(([to, id]) => `import {\n  to = ${to}\n  id = "${id}"\n}\n`)
        .join("\n"),
    );
    const generate = await imported.terraform(["plan", "-input=false", "-generate-config-out=generated.tf"], {
      allowFailure: true,
    });
    const generated = readFileSync(path.join(imported.dir, "generated.tf"), "utf8");
    expect(generated).toMatch(/certificate\s*=\s*null/);
    expect({ code: generate.code, errors: generate.stderr }).toEqual({ code: 0, errors: "" });
    const validate = await imported.terraform(["validate"], { allowFailure: true });
    expect({ code: validate.code, errors: validate.stderr }).toEqual({ code: 0, errors: "" });

    // As generated, with the write-only values left null: the platform keeps the certificate and the secrets.
    expect((await imported.plan()).stdout).toMatch(/Plan: 5 to import, 0 to add, 0 to change, 0 to destroy/);
    await imported.apply();
    expect((await imported.plan()).code).toBe(0);

    // Declaring a secret after import is the one documented update: it sends the secret, and the plan after it is empty.
    const slackBlock = /(resource "scrums_integration" "slack" \{[^]*?)secrets\s*=\s*null[^\n]*/;
    expect(generated).toMatch(slackBlock);
    writeFileSync(
      path.join(imported.dir, "generated.tf"),
      generated.replace(slackBlock, '$1secrets = { bot_token = "xoxb-rotated" }'),
    );
    const update = await imported.plan();
    expect(update.stdout).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
    expect(update.stdout).toMatch(/\+ secrets_hash += \(known after apply\)/);
    await imported.apply();
    expect((await imported.plan()).code).toBe(0);
  });

  it("destroys every object it manages", async () => {
    await snapshot();
    const destroy = await tf.terraform(["destroy", "-auto-approve", "-input=false"]);
    expect(destroy.stdout).toMatch(/Destroy complete! Resources: 10 destroyed/);
    for (const name of subjectNames)
      expect({ name, left: await onPlatform(name, state[address(name)]!.values) }).toEqual({ name, left: null });
  });

  it("never printed or logged a secret, nor sent one to the emulator's request log", async () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const [place, text] of Object.entries({ terraform: tf.everything(), requestLog: logLines.join("\n") })) {
      for (const secret of [WEBHOOK_SECRET, GITLAB_TOKEN, ctx.env.emulator.token, scimToken, ...CERT_LINES]) {
        expect({ place, leaked: text.includes(secret) && secret }).toEqual({ place, leaked: false });
      }
    }
  });
});
