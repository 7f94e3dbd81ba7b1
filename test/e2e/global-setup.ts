/**
 * Once per end-to-end run: compiles the package (Terraform launches the compiled provider) and
 * installs it into a filesystem mirror, as `scrums-iac terraform install` does for users. Workers
 * find the CLI configuration naming that mirror in TERRAFORM_CLI_CONFIG_ENV.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { TERRAFORM_CLI_CONFIG_ENV } from "../support/terraform-workdir";
import { repoRoot, toolsEnv } from "../support/tools";

export default function globalSetup(): void {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, env: toolsEnv(), stdio: "inherit" });
  const dir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-terraform-"));
  const cliConfig = path.join(dir, "cli.tfrc");
  execFileSync("node", ["bin/scrums-iac", "terraform", "install", "--dir", path.join(dir, "mirror"), "--cli-config", cliConfig], {
    cwd: repoRoot,
    env: toolsEnv(),
    stdio: "ignore",
  });
  writeFileSync(cliConfig, "disable_checkpoint = true\n", { flag: "a" });
  process.env[TERRAFORM_CLI_CONFIG_ENV] = cliConfig;
}
