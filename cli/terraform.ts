import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { installMirror, providerInstallationBlock } from "../provider/terraform/install";

const HELP = `Usage: scrums-iac terraform install [--dir <mirror>] [--cli-config <file>]

Installs the scrums Terraform provider into a local filesystem mirror, so that
\`terraform init\` and \`tofu init\` find it offline, and prints the
provider_installation block to add to your CLI configuration (~/.terraformrc,
or the file TF_CLI_CONFIG_FILE names).

  --dir         the mirror directory (default ~/.local/share/scrums-iac/terraform-mirror)
  --cli-config  also write a CLI configuration file holding the block
`;

const COMPILED = __filename.endsWith(".js");
/** The package's root: this module is in cli/, or in dist/cli/ once compiled. */
const PACKAGE_ROOT = path.join(__dirname, COMPILED ? "../.." : "..");

const packageVersion = () =>
  (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;

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
  if (values.help || positionals[0] !== "install") {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const installation = installMirror(values.dir, packageVersion(), compiledEntry());
  const block = providerInstallationBlock(installation.mirror);
  if (values["cli-config"]) writeFileSync(values["cli-config"], block);
  process.stdout.write(
    `Installed scrums/scrums ${installation.version} into ${installation.mirror}\n\nAdd to your CLI configuration:\n\n${block}`,
  );
  return 0;
}
