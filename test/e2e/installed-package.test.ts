/**
 * scrums-iac installed as users install it: `npm pack`, then `npm install` of the tarball into projects
 * outside this repository, where everything runs from the installed package alone: the `scrums-iac`
 * CLI and its emulator, a Pulumi program, the policy pack stopping a program that breaks a rule, the
 * CDKTF quickstart on the bindings with `cdktf`, and the same app with CDK Terrain's `cdktn`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { CdktfProject, type CdkOptions } from "../support/cdktf-project";
import { unique } from "../support/emulator-client";
import { spawnEmulator, type ServedEmulator } from "../support/emulator-process";
import { InstalledPackages, pinned, type PackedPackage } from "../support/installed-package";
import { PulumiWorkspace } from "../support/pulumi-stack";
import { run } from "../support/run";
import { repoRoot, toolsEnv } from "../support/tools";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const scrums = require("scrums-iac/pulumi");

const config = new pulumi.Config();
const org = new scrums.Organization("org", { name: "Installed", slug: config.require("slug"), requireMfa: true });
const workspace = new scrums.Workspace("ws", { organizationId: org.id, name: "Main", slug: "main" });
exports.organizationId = org.id;
exports.workspaceId = workspace.id;
`;
const QUICKSTART = path.join(repoRoot, "examples/cdktf/quickstart");
const CDKTN_MANIFEST = path.join(repoRoot, "scripts/cdktn/package.json");
/** What a TypeScript CDK app needs beside its CDK library: the app command of cdktf.json is `npx ts-node`. */
const TYPESCRIPT = [pinned("ts-node"), pinned("typescript")];

const packages = new InstalledPackages();
const pulumi = new PulumiWorkspace();
const cdkProjects: CdktfProject[] = [];
let packed: PackedPackage;
/** scrums-iac with cdktf and the constructs of this repository's lock: the Pulumi program, the policy pack, the CLI. */
let project: string;
let emulator: ServedEmulator;

beforeAll(async () => {
  packed = await packages.pack();
  project = await packages.project("consumer", packed.tarball, [pinned("cdktf"), pinned("constructs"), ...TYPESCRIPT]);
  writeFileSync(path.join(project, "index.js"), PROGRAM);
  writeFileSync(path.join(project, "Pulumi.yaml"), "name: scrums-installed\nruntime: nodejs\nmain: index.js\n");
  emulator = await spawnEmulator(["--memory"], 0, path.join(project, "node_modules/.bin/scrums-iac"));
  await emulator.control("PUT", "/settings", { auto_verify_domains: true });
});
afterAll(() => {
  emulator?.stop();
  for (const cdk of cdkProjects) cdk.remove();
  pulumi.remove();
  packages.remove();
});

const api = () => ({ url: emulator.url, token: emulator.token });
const statusOf = async (objectPath: string) => {
  const response = await fetch(`${emulator.url}${objectPath}`, {
    headers: { authorization: `Bearer ${emulator.token}` },
  });
  return ((await response.json()) as { data: { status: string } }).data.status;
};

describe("the tarball", () => {
  it("holds the compiled package, its policy pack and contract, and none of the repository's own files", () => {
    const top = [...new Set(packed.files.map((file) => file.split("/")[0]))].sort();
    expect(top).toEqual(["README.md", "bin", "dist", "docs", "openapi.json", "package.json", "policy", "schema.json"]);
    expect(packed.files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    expect(packed.files.filter((file) => file.endsWith(".map"))).toEqual([]);
    expect(packed.files).toEqual(
      expect.arrayContaining(["policy/pulumi-pack/PulumiPolicy.yaml", "dist/policy/pulumi-pack/index.js"]),
    );
  });

  it("resolves every entry of its exports map where it is installed", async () => {
    const entries = ["pulumi", "pulumi/runtime", "cdktf", "policy"].map((entry) => `scrums-iac/${entry}`);
    const loaded = await run("node", ["-e", `for (const m of ${JSON.stringify(entries)}) require(m)`], {
      cwd: project,
    });
    expect(loaded.stderr).toBe("");
    // scrums-iac/cdktn needs cdktn, which this project does not have: it is asked for by name.
    const cdktn = await run("node", ["-e", 'require("scrums-iac/cdktn")'], { cwd: project, allowFailure: true });
    expect(cdktn.stderr).toMatch(/Cannot find module 'cdktn'/);
  });
});

describe("the scrums-iac command", () => {
  it("prints its help, and serves the emulator every other test here runs against", async () => {
    const help = await run(path.join(project, "node_modules/.bin/scrums-iac"), ["--help"], { cwd: project });
    expect(help.stdout).toMatch(/^Usage: scrums-iac <command>[\s\S]*emulator[\s\S]*policy[\s\S]*terraform/);
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const orgs = (token: string) => fetch(`${emulator.url}/v1/orgs`, { headers: { authorization: `Bearer ${token}` } });
    expect((await orgs(emulator.token)).status).toBe(200);
    expect((await orgs("scr_svc_not-a-token")).status).toBe(401);
  });
});

describe("a Pulumi program", () => {
  it("converges, loads the runtime by package name from its state, previews no change, and is destroyed", async () => {
    const stack = await pulumi.stack(unique("installed"), api(), {
      project: path.join(project, "Pulumi.yaml"),
      config: { slug: unique("installed") },
    });
    await stack.up();
    const organization = `/v1/orgs/${await stack.output("organizationId")}`;
    const workspace = `/v1/workspaces/${await stack.output("workspaceId")}`;
    expect(await statusOf(organization)).toBe("active");
    expect(await statusOf(workspace)).toBe("active");
    const resources = Object.values(await stack.resources());
    expect(resources.map((resource) => [resource.kind, resource.outputs.__provider])).toEqual([
      ["Organization", 'exports.handler = () => require("scrums-iac/pulumi/runtime").provider("Organization");'],
      ["Workspace", 'exports.handler = () => require("scrums-iac/pulumi/runtime").provider("Workspace");'],
    ]);

    await stack.preview("--expect-no-changes", "--refresh");
    await stack.destroy();
    expect(await statusOf(workspace)).toBe("archived");
    expect(await statusOf(organization)).toBe("closed");
  });

  it("is stopped by the installed policy pack when it breaks a mandatory rule", async () => {
    const stack = await pulumi.stack(unique("installed-policy"), api(), {
      project: path.join(project, "Pulumi.yaml"),
      config: { slug: unique("installed-policy") },
    });
    const pack = path.join(project, "node_modules/scrums-iac/policy/pulumi-pack");
    const blocked = await stack.pulumi(["preview", "--policy-pack", pack], { allowFailure: true });
    const printed = `${blocked.stdout}${blocked.stderr}`;
    expect(blocked.code).not.toBe(0);
    expect(printed).toMatch(/\[mandatory\]\s+sso-and-mfa-enforced[\s\S]*must set enforceSso to true/);
    expect(printed).not.toMatch(/can't run policy|Cannot find module/);
  });
});

describe("the CDKTF quickstart on the installed bindings", () => {
  const quickstart = (installed: CdkOptions, env: NodeJS.ProcessEnv) => {
    const cdk = new CdktfProject(api(), QUICKSTART, env, installed);
    cdkProjects.push(cdk);
    return cdk;
  };
  const settings = (slug: string) => ({
    SCRUMS_QUICKSTART_SLUG: slug,
    SCRUMS_QUICKSTART_DOMAIN: `${slug}.example`,
    TF_VAR_github_webhook_secret: `whsec-${slug}`,
  });

  it("synthesizes with cdktf", async () => {
    const slug = unique("installed-cdktf");
    const cli = path.join(repoRoot, "node_modules/.bin/cdktf");
    const cdk = quickstart({ cli, modules: path.join(project, "node_modules"), library: "cdktf" }, settings(slug));
    await cdk.synth();
    const synthesized = JSON.parse(cdk.synthesized("quickstart"));
    expect(Object.values(synthesized.resource.scrums_organization)).toEqual([expect.objectContaining({ slug })]);
  });

  describe("with CDK Terrain (cdktn)", () => {
    let cdktn: CdkOptions;
    beforeAll(async () => {
      const terrain = await packages.project("terrain", packed.tarball, [
        pinned("cdktn", CDKTN_MANIFEST),
        pinned("constructs", CDKTN_MANIFEST),
        ...TYPESCRIPT,
      ]);
      cdktn = { cli: toolsEnv().SCRUMS_IAC_CDKTN!, modules: path.join(terrain, "node_modules"), library: "cdktn" };
    });

    it("synthesizes, deploys, plans no change and destroys", async () => {
      const slug = unique("installed-cdktn");
      const cdk = quickstart(cdktn, settings(slug));
      await cdk.synth();
      const deploy = await cdk.deploy("quickstart");
      expect(deploy.stdout).toMatch(/Apply complete! Resources: 11 added, 0 changed, 0 destroyed/);
      const [org] = (await emulator.listAll("/v1/orgs")).filter((o) => o.slug === slug);
      expect(org).toMatchObject({ status: "active", settings: { enforce_sso: true, require_mfa: true } });
      expect((await cdk.terraform("quickstart").plan()).code).toBe(0);
      const destroy = await cdk.destroy("quickstart");
      expect(destroy.stdout).toMatch(/Destroy complete! Resources: 11 destroyed/);
      expect(await statusOf(`/v1/orgs/${org!.id as string}`)).toBe("closed");
    });

    it("fails the synth of an app that breaks a mandatory rule, through the policy aspect", async () => {
      const cdk = quickstart(cdktn, { ...settings(unique("installed-cdktn")), SCRUMS_QUICKSTART_REQUIRE_MFA: "false" });
      const synth = await cdk.cdktf(["synth"], { allowFailure: true });
      expect(synth.code).not.toBe(0);
      expect(`${synth.stdout}\n${synth.stderr}`).toMatch(
        /\[sso-and-mfa-enforced\] organization .* must set require_mfa to true/,
      );
    });
  });
});
