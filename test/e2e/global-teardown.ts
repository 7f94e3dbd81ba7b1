/** Once the end-to-end run is over: removes the provider mirror the global setup installed. */
import { removeProviderMirror } from "../support/terraform-install";
import { TERRAFORM_CLI_CONFIG_ENV } from "../support/terraform-workdir";

export default function globalTeardown(): void {
  const cliConfig = process.env[TERRAFORM_CLI_CONFIG_ENV];
  if (cliConfig) removeProviderMirror(cliConfig);
}
