/**
 * For commands of the form `scrums-iac <command> <subcommand> [options]`: prints the help and gives the
 * exit code when it was asked for (0) or the subcommand is not the expected one (2); otherwise undefined.
 */
export function usageExit(
  help: boolean,
  subcommand: string | undefined,
  expected: string,
  text: string,
): number | undefined {
  if (!help && subcommand === expected) return undefined;
  process.stdout.write(text);
  return help ? 0 : 2;
}
