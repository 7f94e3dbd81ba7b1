/** Once the end-to-end run is over: removes what the global setup made, the provider mirror and the compile cache. */
import { rmSync } from "node:fs";
import { removeProviderMirror } from "../support/terraform-install";
import { TERRAFORM_CLI_CONFIG_ENV } from "../support/terraform-workdir";

export default function globalTeardown(): void {
  const cliConfig = process.env[TERRAFORM_CLI_CONFIG_ENV];
  if (cliConfig) removeProviderMirror(cliConfig);
  const compileCache = process.env.NODE_COMPILE_CACHE;
  if (compileCache) rmSync(compileCache, { recursive: true, force: true });
}
