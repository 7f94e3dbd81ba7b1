import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { withProviderInstallation } from "../provider/terraform/cli-config";
import { installLauncher, installPackedMirror, providerInstallationBlock } from "../provider/terraform/install";
import { PACKAGE_ROOT, packageVersion, releaseFiles } from "./package";
import { usageExit } from "./usage";

const HELP = `Usage: scrums-iac terraform install [--dir <mirror>] [--cli-config <file>]

Installs the scrums Terraform provider into a local filesystem mirror, so that
\`terraform init\` and \`tofu init\` find it offline, and prints the
provider_installation block to add to your CLI configuration (~/.terraformrc,
or the file TF_CLI_CONFIG_FILE names). In a checkout it installs the release's
standalone executables (building them with \`npm run release\` when needed), as
a packed mirror whose lock file hashes hold on every machine.

  --dir         the mirror directory (default ~/.local/share/scrums-iac/terraform-mirror)
  --cli-config  also put the block into this CLI configuration file, keeping the
                rest of it (the file is created if missing)
`;

const compiledEntry = () => path.join(PACKAGE_ROOT, "dist/provider/terraform/plugin/main.js");

export async function runTerraform(args: string[]): Promise<number | undefined> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      dir: { type: "string", default: path.join(os.homedir(), ".local/share/scrums-iac/terraform-mirror") },
      "cli-config": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const exit = usageExit(values.help, positionals[0], "install", HELP);
  if (exit !== undefined) return exit;
  const version = packageVersion();
  const zips = releaseFiles(
    (name) => name.startsWith(`terraform-provider-scrums_${version}_`) && name.endsWith(".zip"),
  );
  const installation = zips.length
    ? installPackedMirror(values.dir, version, zips)
    : installLauncher(values.dir, version, compiledEntry());
  const block = providerInstallationBlock(installation.mirror);
  const cliConfig = values["cli-config"];
  if (cliConfig) {
    const existing = existsSync(cliConfig) ? readFileSync(cliConfig, "utf8") : "";
    writeFileSync(cliConfig, withProviderInstallation(existing, block));
  }
  process.stdout.write(
    `Installed scrums/scrums ${installation.version} into ${installation.mirror}\n\n` +
      (cliConfig ? `Added to ${cliConfig}:\n\n` : "Add to your CLI configuration:\n\n") +
      block,
  );
  return 0;
}
