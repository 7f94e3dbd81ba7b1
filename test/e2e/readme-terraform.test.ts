/**
 * The README's Terraform and Pulumi steps, verbatim: its first shell block under "Terraform and OpenTofu"
 * and under "Pulumi", run by bash in a fresh environment (a new HOME, the machine's own PATH, only the
 * API's address and token set) against this file's emulator. The tool cache is a copy of links to the real one, so the CLI
 * configuration the steps change is this test's own.
 */
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { useEmulator } from "../support/emulator-fixtures";
import { readmeShellBlock } from "../support/readme";
import { repoRoot, toolsEnv } from "../support/tools";

const ctx = useEmulator();

/** A tool cache whose entries link to the real one's, except the CLI configuration, copied. */
function toolCacheCopy(home: string): string {
  const real = toolsEnv().SCRUMS_IAC_TOOLS!;
  const tools = path.join(home, ".cache/scrums-iac/tools");
  mkdirSync(tools, { recursive: true });
  for (const entry of readdirSync(real).filter((name) => !name.startsWith("."))) {
    if (entry === "terraform.rc") copyFileSync(path.join(real, entry), path.join(tools, entry));
    else symlinkSync(path.join(real, entry), path.join(tools, entry));
  }
  return tools;
}

/** Runs bash on `script` with exactly `env`, `input` on stdin; never blocking: the emulator serves from this process. */
function bash(script: string, env: NodeJS.ProcessEnv, input = ""): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-e", "-c", script], { cwd: repoRoot, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
    child.stdin.end(input);
  });
}

const QUICKSTART = path.join(repoRoot, "examples/terraform/quickstart");

/** What `terraform init` and `apply` leave in the example's directory. */
function removeRunFiles() {
  for (const name of [".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup"]) {
    rmSync(path.join(QUICKSTART, name), { recursive: true, force: true });
  }
}

it("the README's Terraform steps install the provider, init offline and apply the quickstart in a fresh shell", async () => {
  await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
  const home = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-readme-"));
  const env = {
    HOME: home,
    PATH: "/usr/local/bin:/usr/bin:/bin",
    SCRUMS_IAC_TOOLS: toolCacheCopy(home),
    SCRUMS_API_URL: ctx.env.emulator.url,
    SCRUMS_API_TOKEN: ctx.env.emulator.token,
  };
  const steps = readmeShellBlock("Terraform and OpenTofu");
  removeRunFiles();
  try {
    // `yes` answers apply's confirmation as a user would.
    const shell = await bash(steps, env, "yes\n");
    if (shell.code !== 0) throw new Error(`the README's steps failed (${shell.code}):\n${shell.output}`);
    expect(shell.output).toMatch(/Apply complete! Resources: 11 added, 0 changed, 0 destroyed/);
    expect(readFileSync(path.join(env.SCRUMS_IAC_TOOLS, "terraform.rc"), "utf8")).toMatch(
      /disable_checkpoint[\s\S]*provider_installation/,
    );
  } finally {
    await bash(
      `eval "$(scripts/tools-env)" && cd examples/terraform/quickstart && terraform destroy -auto-approve -input=false -var slug=my-org -var domain=my-org.example`,
      env,
    );
    removeRunFiles();
    rmSync(home, { recursive: true, force: true });
  }
});

it("the README's Pulumi steps run the quickstart from the checkout's root in a fresh shell: up, no changes, destroy", async () => {
  await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
  const stackConfig = path.join(repoRoot, "Pulumi.quickstart.yaml");
  if (existsSync(stackConfig)) throw new Error(`${stackConfig} exists: the README's steps would use that stack`);
  const home = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-readme-"));
  const env = {
    HOME: home,
    PATH: "/usr/local/bin:/usr/bin:/bin",
    SCRUMS_IAC_TOOLS: toolsEnv().SCRUMS_IAC_TOOLS!,
    // The steps keep their stack in this test's own backend rather than the tool cache's.
    PULUMI_BACKEND_URL: `file://${home}`,
    SCRUMS_API_URL: ctx.env.emulator.url,
    SCRUMS_API_TOKEN: ctx.env.emulator.token,
  };
  try {
    const shell = await bash(readmeShellBlock("Pulumi"), env);
    if (shell.code !== 0) throw new Error(`the README's steps failed (${shell.code}):\n${shell.output}`);
    expect(shell.output).toMatch(/\+ 12 created/);
    expect(shell.output).toMatch(/12 unchanged/);
    expect(shell.output).toMatch(/- 12 deleted/);
  } finally {
    if (existsSync(stackConfig)) {
      await bash(
        `eval "$(scripts/tools-env)" && pulumi destroy --yes --stack quickstart; pulumi stack rm quickstart --yes --force`,
        env,
      );
    }
    rmSync(stackConfig, { force: true });
    rmSync(home, { recursive: true, force: true });
  }
});
