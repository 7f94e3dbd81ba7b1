/** `scrums-iac <verb>`: the command-line entry point. Each verb lives in its own module. */
import { runEmulator } from "./emulator";
import { runTerraform } from "./terraform";

const USAGE = `Usage: scrums-iac <command> [options]

Commands:
  emulator    Serve the platform API emulator (scrums-iac emulator --help)
  terraform   Install the Terraform provider for offline use (scrums-iac terraform install --help)
`;

const VERBS: Record<string, (args: string[]) => Promise<number | undefined>> = {
  emulator: runEmulator,
  terraform: runTerraform,
};

export async function main(argv: string[]): Promise<number | undefined> {
  const [verb, ...rest] = argv;
  if (!verb || verb === "--help" || verb === "-h") {
    process.stdout.write(USAGE);
    return verb ? 0 : 2;
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
