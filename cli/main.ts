/** `scrums-iac <verb>`: the command-line entry point. Each verb lives in its own module. */
import type { runDiscover } from "./discover";
import type { runEmulator } from "./emulator";
import { packageVersion } from "./package";
import type { runPolicy } from "./policy";
import type { runPulumi } from "./pulumi";
import type { runTerraform } from "./terraform";

const USAGE = `Usage: scrums-iac <command> [options]
       scrums-iac --version

Commands:
  discover    Write an existing organization as code, with imports (scrums-iac discover --help)
  emulator    Serve the platform API emulator (scrums-iac emulator --help)
  policy      Check a Terraform plan against the policy rules (scrums-iac policy --help)
  pulumi      Install the Pulumi resource plugin, or move a stack to it (scrums-iac pulumi --help)
  terraform   Install the Terraform provider for offline use (scrums-iac terraform install --help)
`;

/* Each verb loads only its own module when run: `policy check` in CI need not load the emulator's SQLite. */
/* eslint-disable @typescript-eslint/no-require-imports */
const VERBS: Record<string, (args: string[]) => Promise<number | undefined>> = {
  discover: (args) => (require("./discover") as { runDiscover: typeof runDiscover }).runDiscover(args),
  emulator: (args) => (require("./emulator") as { runEmulator: typeof runEmulator }).runEmulator(args),
  policy: (args) => (require("./policy") as { runPolicy: typeof runPolicy }).runPolicy(args),
  pulumi: (args) => (require("./pulumi") as { runPulumi: typeof runPulumi }).runPulumi(args),
  terraform: (args) => (require("./terraform") as { runTerraform: typeof runTerraform }).runTerraform(args),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export async function main(argv: string[]): Promise<number | undefined> {
  const [verb, ...rest] = argv;
  if (!verb || verb === "--help" || verb === "-h") {
    process.stdout.write(USAGE);
    return verb ? 0 : 2;
  }
  if (verb === "--version" || verb === "-v") {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const run = VERBS[verb];
  if (!run) {
    process.stderr.write(`scrums-iac: unknown command "${verb}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (error) {
    process.stderr.write(`scrums-iac ${verb}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
