import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot, toolsEnv } from "./tools";

/**
 * Installs the compiled provider into a new filesystem mirror, as `scrums-iac terraform install`
 * does for users, and returns the Terraform CLI configuration that names it. Needs `npm run build`.
 */
export function installProviderMirror(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-terraform-"));
  const cliConfig = path.join(dir, "cli.tfrc");
  execFileSync(
    "node",
    ["bin/scrums-iac", "terraform", "install", "--dir", path.join(dir, "mirror"), "--cli-config", cliConfig],
    {
      cwd: repoRoot,
      env: toolsEnv(),
      stdio: "ignore",
    },
  );
  writeFileSync(cliConfig, "disable_checkpoint = true\n", { flag: "a" });
  return cliConfig;
}
