/**
 * Regenerates the CDKTF bindings in cdktf/providers/scrums with `cdktf get`, from the schema the
 * compiled provider serves to Terraform: `npm run generate:cdktf`. The tools must be on PATH
 * (scripts/with-tools does that); the provider is built and installed into a throwaway mirror.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const REPO_ROOT = path.join(__dirname, "../..");

export const BINDINGS_DIR = path.join(REPO_ROOT, "cdktf/providers/scrums");

const packageVersion = () =>
  (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/**
 * Runs `cdktf get` for this package's provider version in a scratch project and puts the generated
 * bindings in `target`, replacing what was there. `cliConfig` is a Terraform CLI configuration whose
 * provider_installation finds `scrums/scrums` (see `scrums-iac terraform install`).
 */
export function generateBindings(cliConfig: string, target: string, env: NodeJS.ProcessEnv = process.env): void {
  const project = mkdtempSync(path.join(os.tmpdir(), "scrums-cdktf-get-"));
  const cdktfJson = {
    language: "typescript",
    app: "true",
    terraformProviders: [`scrums/scrums@= ${packageVersion()}`],
    codeMakerOutput: "generated",
    sendCrashReports: false,
  };
  writeFileSync(path.join(project, "cdktf.json"), JSON.stringify(cdktfJson, null, 2));
  execFileSync(path.join(REPO_ROOT, "node_modules/.bin/cdktf"), ["get"], {
    cwd: project,
    env: {
      ...env,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: "1",
      CI: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(project, "generated/providers/scrums"), target, { recursive: true });
  rmSync(project, { recursive: true, force: true });
}

function main(): void {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
  const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-cdktf-mirror-"));
  const cliConfig = path.join(scratch, "cli.tfrc");
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, "bin/scrums-iac"),
      "terraform",
      "install",
      "--dir",
      path.join(scratch, "mirror"),
      "--cli-config",
      cliConfig,
    ],
    {
      stdio: "ignore",
    },
  );
  generateBindings(cliConfig, BINDINGS_DIR);
  rmSync(scratch, { recursive: true, force: true });
  process.stdout.write(`Regenerated ${path.relative(REPO_ROOT, BINDINGS_DIR)}\n`);
}

if (require.main === module) main();
