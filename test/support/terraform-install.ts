import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot, toolsEnv } from "./tools";

/**
 * Installs the provider into a new filesystem mirror with `scrums-iac terraform install`, as users do:
 * the release's standalone executables as a packed mirror (built first unless up to date), and
 * returns the Terraform CLI configuration that names it. Needs `npm run build` (the CLI).
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

/** Removes what `installProviderMirror` made, given the CLI configuration it returned. */
export function removeProviderMirror(cliConfig: string): void {
  rmSync(path.dirname(cliConfig), { recursive: true, force: true });
}
