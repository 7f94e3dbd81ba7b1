/**
 * The native provider from TypeScript (the generated SDK), Python (the generated SDK, installed with pip
 * into the program's virtualenv) and YAML, through the real `pulumi` CLI and the language hosts the setup
 * provisions, against the emulator: one object of each kind created, previewed with no changes, updated,
 * its drift repaired and destroyed; a bad input refused at preview; each kind imported by its documented
 * id, the code `pulumi import` prints in the program's language previewing with no changes; secrets kept
 * out of state and output. The plugin is found on PATH (bin/pulumi-resource-scrums), as an ambient plugin.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unique } from "../support/emulator-client";
import { useEmulator } from "../support/emulator-fixtures";
import { followReadmeTypeScriptSetup, pythonSdkEnv } from "../support/pulumi-sdks";
import { NATIVE_PLUGIN_ENV, PulumiWorkspace, type PulumiStack, type StateResource } from "../support/pulumi-stack";
import { run } from "../support/run";
import { leakedLines } from "../support/secret-leaks";
import { repoRoot } from "../support/tools";

const ctx = useEmulator();
const pulumi = new PulumiWorkspace();
const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-languages-"));
afterAll(() => {
  pulumi.remove();
  rmSync(scratch, { recursive: true, force: true });
});

const FIXTURES = path.join(repoRoot, "test/e2e/fixtures/pulumi-languages");
const api = () => ({ url: ctx.env.emulator.url, token: ctx.env.emulator.token });
const WEBHOOK_SECRET = `whsec-${randomBytes(12).toString("hex")}`;

interface Language {
  /** The runtime line of a Pulumi.yaml for the code `pulumi import` prints; `venv` is the program's virtualenv. */
  runtime: (venv: string) => string;
  /** The file a program of this language starts from, and what it holds when it declares nothing. */
  entry: string;
  empty: string;
  /** How the printed code declares the organization. */
  declares: RegExp;
}

const LANGUAGES: Record<string, Language> = {
  typescript: { runtime: () => "nodejs", entry: "index.ts", empty: "", declares: /new scrums\.Organization\("org"/ },
  python: {
    runtime: (venv) => `\n  name: python\n  options:\n    virtualenv: ${venv}`,
    entry: "__main__.py",
    empty: "",
    declares: /scrums\.Organization\("org"/,
  },
  yaml: { runtime: () => "yaml", entry: "Main.yaml", empty: "resources: {}\n", declares: /type: scrums:Organization/ },
};

const ENV = { ...NATIVE_PLUGIN_ENV, ...pythonSdkEnv(scratch) };

beforeAll(() => {
  followReadmeTypeScriptSetup(path.join(FIXTURES, "typescript"));
});

describe.each(Object.keys(LANGUAGES))("a %s program on the native provider", (language) => {
  const { runtime, entry, empty, declares } = LANGUAGES[language]!;
  const names = {
    orgName: "Languages",
    slug: unique(`lang-${language}`),
    memberEmail: `${unique("member")}@example.com`,
    domainName: `${unique(language)}.example.com`,
  };
  let stack: PulumiStack;
  let state: Record<string, StateResource>;
  let upOutput = "";

  const getData = async (urlPath: string) => {
    const res = await ctx.client.api("GET", urlPath);
    return res.status === 200 ? res.body.data : null;
  };

  beforeAll(async () => {
    stack = await pulumi.stack(`lang-${language}`, api(), {
      project: path.join(FIXTURES, language, "Pulumi.yaml"),
      config: names,
      env: ENV,
    });
    await stack.pulumi(["config", "set", "--secret", "webhookSecret", WEBHOOK_SECRET]);
    // The Python host makes the program's virtualenv and pip-installs requirements.txt, the SDK with it.
    if (language === "python") await run("pulumi", ["install"], { cwd: stack.dir, env: ENV });
  });

  it("creates one object of each kind", async () => {
    const up = await stack.up();
    upOutput = up.stdout + up.stderr;
    expect(up.stdout).toMatch(/\+ 7 created/);
    state = await stack.resources();
    expect(Object.fromEntries(Object.entries(state).map(([name, r]) => [name, r.kind]))).toEqual({
      org: "Organization",
      ws: "Workspace",
      member: "OrganizationMember",
      wsMember: "WorkspaceMember",
      domain: "Domain",
      integration: "Integration",
    });
    expect(await stack.output("organizationId")).toBe(state.org!.id);
    expect(await getData(`/v1/orgs/${state.org!.id}`)).toMatchObject({ name: "Languages", slug: names.slug });
  });

  it("keeps the webhook secret and the API token out of state and output", async () => {
    const secrets = [WEBHOOK_SECRET, ctx.env.emulator.token];
    expect(leakedLines(`${await stack.exported()}\n${upOutput}`, secrets)).toEqual([]);
  });

  it("previews no changes right after creating", async () => {
    expect((await stack.preview("--expect-no-changes")).stdout).toMatch(/7 unchanged/);
  });

  it("updates the organization in place", async () => {
    await stack.pulumi(["config", "set", "orgName", "Renamed"]);
    const up = await stack.up();
    expect(up.stdout).toMatch(/~ 1 updated/);
    expect(await getData(`/v1/orgs/${state.org!.id}`)).toMatchObject({ name: "Renamed" });
    await stack.preview("--expect-no-changes");
  });

  it("repairs drift made through the API", async () => {
    const patched = await ctx.client.api("PATCH", `/v1/orgs/${state.org!.id}`, { body: { name: "Drifted" } });
    expect(patched.status).toBe(200);
    await stack.refresh();
    await stack.up();
    expect(await getData(`/v1/orgs/${state.org!.id}`)).toMatchObject({ name: "Renamed" });
    await stack.preview("--expect-no-changes");
  });

  it("refuses a bad input at preview, naming the field", async () => {
    await stack.pulumi(["config", "set", "slug", "Not A Slug"]);
    const preview = await stack.pulumi(["preview"], { allowFailure: true });
    await stack.pulumi(["config", "set", "slug", names.slug]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/scrums:index:Organization[\s\S]*slug/);
  });

  it("imports each kind by its documented id, printing code that previews with no changes", async () => {
    const project = mkdtempSync(path.join(scratch, `${language}-import-`));
    writeFileSync(
      path.join(project, "Pulumi.yaml"),
      `name: imported-${language}\nruntime: ${runtime(path.join(stack.dir, "venv"))}\n`,
    );
    writeFileSync(path.join(project, entry), empty);
    if (language === "typescript") followReadmeTypeScriptSetup(project);
    const imported = await pulumi.stack(`lang-${language}-import`, api(), {
      project: path.join(project, "Pulumi.yaml"),
      env: ENV,
    });

    const [wsId, userId] = state.wsMember!.id.split("/");
    const orgId = state.org!.id;
    const ids: Record<string, [string, string]> = {
      org: ["Organization", orgId],
      ws: ["Workspace", state.ws!.id],
      member: ["OrganizationMember", `${orgId}/${names.memberEmail}`],
      wsMember: ["WorkspaceMember", `${wsId}/${userId}`],
      domain: ["Domain", `${orgId}/${names.domainName}`],
      integration: ["Integration", state.integration!.id],
    };
    const importFile = path.join(project, "import.json");
    const resources = Object.entries(ids).map(([name, [kind, id]]) => ({ type: `scrums:index:${kind}`, name, id }));
    writeFileSync(importFile, JSON.stringify({ resources }));
    // The CLI empties the --out file before it runs the program: the code goes aside, then into the program.
    const code = path.join(project, `printed-${entry}`);
    await imported.pulumi(["import", "--file", importFile, "--yes", "--protect=false", "--out", code]);
    const printed = readFileSync(code, "utf8");
    renameSync(code, path.join(project, entry));

    expect(printed).toMatch(declares);
    expect(printed).not.toContain(WEBHOOK_SECRET);
    expect((await imported.preview("--expect-no-changes")).stdout).toMatch(/7 unchanged/);
    // The objects stay with the first stack.
    await imported.pulumi(["stack", "rm", "--force", "--yes"]);
  });

  it("is blocked by the policy pack: the organization enforces neither SSO nor MFA", async () => {
    const pack = path.join(repoRoot, "policy/pulumi-pack");
    const blocked = await stack.pulumi(["preview", "--policy-pack", pack], { allowFailure: true });
    expect(blocked.code).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`).toMatch(/\[mandatory\]\s+sso-and-mfa-enforced/);
  });

  it("destroys every object", async () => {
    await stack.destroy();
    expect(await getData(`/v1/integrations/${state.integration!.id}`)).toBeNull();
    expect(await getData(`/v1/orgs/${state.org!.id}`)).toMatchObject({ status: "closed" });
  });
});

describe("a Python program that names no virtualenv and sets no config", () => {
  it("runs on the tool cache's Python, which has the pulumi package", async () => {
    const project = mkdtempSync(path.join(scratch, "python-plain-"));
    mkdirSync(path.join(project, "backend"));
    writeFileSync(path.join(project, "Pulumi.yaml"), "name: plain\nruntime: python\n");
    writeFileSync(
      path.join(project, "__main__.py"),
      'import pulumi\npulumi.export("greeting", "hello")\npulumi.export("hidden", pulumi.Output.secret("' +
        WEBHOOK_SECRET +
        '"))\n',
    );
    const env = { PULUMI_BACKEND_URL: `file://${path.join(project, "backend")}` };
    const pulumiIn = (...args: string[]) => run("pulumi", [...args, "--non-interactive"], { cwd: project, env });
    await pulumiIn("stack", "init", "plain");
    const up = await pulumiIn("up", "--yes", "--skip-preview");
    expect(up.stdout).toMatch(/greeting\s*:\s*"hello"/);
    expect((await pulumiIn("stack", "output", "greeting")).stdout.trim()).toBe("hello");
    expect(up.stdout + (await pulumiIn("stack", "export")).stdout).not.toContain(WEBHOOK_SECRET);
  });
});
