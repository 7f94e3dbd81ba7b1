import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { packageVersion, releaseFiles } from "./package";
import { usageExit } from "./usage";
import type { runPulumiMigrateFile } from "./pulumi-migrate";

type MigrateFile = typeof runPulumiMigrateFile;

const HELP = `Usage: scrums-iac pulumi install
       scrums-iac pulumi migrate-file <stack export> <import file>

  install       Installs the scrums Pulumi resource plugin for this machine from the
                release's tarball (pulumi-resource-scrums-v<version>-<os>-<arch>.tar.gz;
                in a checkout it is built with \`npm run release\` when needed), with
                \`pulumi plugin install resource scrums <version> --file <tarball>\`.
  migrate-file  Moves a stack to the native provider (scrums-iac pulumi migrate-file --help).
`;

const ARCHITECTURES: Record<string, string> = { x64: "amd64", arm64: "arm64" };
const OPERATING_SYSTEMS: Record<string, string> = { linux: "linux", darwin: "darwin", win32: "windows" };

export async function runPulumi(args: string[]): Promise<number | undefined> {
  if (args[0] === "migrate-file") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runPulumiMigrateFile } = require("./pulumi-migrate") as { runPulumiMigrateFile: MigrateFile };
    return runPulumiMigrateFile(args.slice(1));
  }
  return install(args);
}

async function install(args: string[]): Promise<number | undefined> {
  const { values, positionals } = parseArgs({
    args,
    options: { help: { type: "boolean", short: "h", default: false } },
    allowPositionals: true,
    strict: true,
  });
  const exit = usageExit(values.help, positionals[0], "install", HELP);
  if (exit !== undefined) return exit;
  requirePulumiCli();
  const version = packageVersion();
  const name = `pulumi-resource-scrums-v${version}-${OPERATING_SYSTEMS[process.platform]}-${ARCHITECTURES[process.arch]}.tar.gz`;
  const [tarball] = releaseFiles((file) => file === name);
  if (!tarball) throw new Error(`the release has no ${name} for this machine`);
  execFileSync("pulumi", ["plugin", "install", "resource", "scrums", version, "--file", tarball], { stdio: "inherit" });
  return 0;
}

/** Fails, before the release is built, when there is no `pulumi` to install the plugin with. */
function requirePulumiCli(): void {
  try {
    execFileSync("pulumi", ["version"], { stdio: "ignore" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new Error(
      'installing the plugin needs the pulumi CLI on PATH (in a checkout, eval "$(scripts/tools-env)" puts the one scripts/setup provides there)',
      { cause: error },
    );
  }
}
