/**
 * Proves the real engines run on this machine, offline: the Pulumi CLI with its Node.js language
 * host and dynamic-provider plugin, and Terraform and OpenTofu (each the setup provisioned) with a built-in resource.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../support/run";
import { terraformClients } from "../support/tools";

const fixtures = path.join(__dirname, "fixtures");

describe("the Pulumi engine", () => {
  const program = path.join(fixtures, "pulumi-smoke");
  const backend = mkdtempSync(path.join(os.tmpdir(), "scrums-smoke-backend-"));
  const env = { PULUMI_BACKEND_URL: `file://${backend}` };
  const pulumi = (...args: string[]) =>
    run("pulumi", [...args, "--stack", "smoke", "--non-interactive"], { cwd: program, env });

  afterAll(() => rmSync(backend, { recursive: true, force: true }));

  it("creates, previews with no changes, and destroys a stack with a dynamic resource", async () => {
    await run("pulumi", ["stack", "init", "smoke", "--non-interactive"], { cwd: program, env });

    const up = await pulumi("up", "--yes", "--skip-preview");
    expect(up.stdout).toMatch(/\+ 2 created/);
    expect(up.stdout).toMatch(/message\s*:\s*"hello, world"/);

    const output = await pulumi("stack", "output", "message");
    expect(output.stdout.trim()).toBe("hello, world");

    const exported = JSON.parse((await pulumi("stack", "export")).stdout);
    const types = exported.deployment.resources.map((r: { type: string }) => r.type);
    expect(types).toContain("pulumi-nodejs:dynamic:Resource");

    const preview = await pulumi("preview", "--expect-no-changes");
    expect(preview.stdout).toMatch(/2 unchanged/);

    const destroy = await pulumi("destroy", "--yes", "--skip-preview");
    expect(destroy.stdout).toMatch(/- 2 deleted/);
    await pulumi("stack", "rm", "--yes");
  });
});

describe.each(terraformClients())("the Terraform engine (%s)", (client) => {
  const workdir = mkdtempSync(path.join(os.tmpdir(), "scrums-smoke-tf-"));
  const terraform = (...args: string[]) => run(client, [...args, "-no-color"], { cwd: workdir, allowFailure: true });

  beforeAll(() => cpSync(path.join(fixtures, "terraform-smoke"), workdir, { recursive: true }));
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("initialises offline, applies, plans no changes, sees a change, and destroys", async () => {
    const init = await terraform("init", "-input=false");
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/has been successfully initialized/);

    const apply = await terraform("apply", "-auto-approve", "-input=false");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/1 added, 0 changed, 0 destroyed/);
    expect(apply.stdout).toMatch(/greeting = "hello"/);

    const noop = await terraform("plan", "-detailed-exitcode", "-input=false");
    expect(noop.code).toBe(0);
    expect(noop.stdout).toMatch(/No changes/);

    const changed = await terraform("plan", "-detailed-exitcode", "-input=false", "-var", "greeting=bonjour");
    expect(changed.code).toBe(2);
    expect(changed.stdout).toMatch(/"hello" -> "bonjour"/);

    const destroy = await terraform("destroy", "-auto-approve", "-input=false");
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toMatch(/1 destroyed/);
  });
});
