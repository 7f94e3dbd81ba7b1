/**
 * Once per end-to-end run: compiles the package as `npm pack` does (its prepack: a clean dist/ but for
 * the release, then the build), so the installed-package test packs this tree without building it again,
 * and installs the provider's release (its standalone executable, built unless up to date) into a packed
 * filesystem mirror. Workers find the CLI configuration naming that mirror in TERRAFORM_CLI_CONFIG_ENV.
 */
import { execFileSync } from "node:child_process";
import { installProviderMirror } from "../support/terraform-install";
import { TERRAFORM_CLI_CONFIG_ENV } from "../support/terraform-workdir";
import { repoRoot, toolsEnv } from "../support/tools";

export default function globalSetup(): void {
  execFileSync("npm", ["run", "--silent", "prepack"], { cwd: repoRoot, env: toolsEnv(), stdio: "inherit" });
  process.env[TERRAFORM_CLI_CONFIG_ENV] = installProviderMirror();
}
