/**
 * Once per end-to-end run: compiles the package as `npm pack` does (its prepack: a clean dist/ but for
 * the release, then the build), so the installed-package test packs this tree without building it again,
 * and installs the provider's release (its standalone executable, built unless up to date) into a packed
 * filesystem mirror. Workers find the CLI configuration naming that mirror in TERRAFORM_CLI_CONFIG_ENV.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { installProviderMirror } from "../support/terraform-install";
import { TERRAFORM_CLI_CONFIG_ENV } from "../support/terraform-workdir";
import { repoRoot, toolsEnv } from "../support/tools";

export default function globalSetup(): void {
  // The run's Node processes (hundreds of Pulumi programs and dynamic providers loading @pulumi/pulumi, tsc,
  // the CLIs) share one compile cache, so each module is compiled once per run rather than once per process.
  process.env.NODE_COMPILE_CACHE = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-node-cache-"));
  execFileSync("npm", ["run", "--silent", "prepack"], { cwd: repoRoot, env: toolsEnv(), stdio: "inherit" });
  process.env[TERRAFORM_CLI_CONFIG_ENV] = installProviderMirror();
}
