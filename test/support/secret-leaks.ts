/**
 * The lines of a run's output or of a stack's state that hold a secret. At -v=9 Pulumi itself dumps
 * RPC payloads, the contents of secrets included (the engine as it marshals each property, the
 * Node.js SDK as it logs each registration's answer): the documented risk of verbose logs, so those
 * lines are not counted. Nothing else, from the program, the provider or the language host, may
 * print a secret.
 */
const PULUMI_RPC_DUMP =
  /"msg":"(?:(?:Un)?[Mm]arshaling property for RPC\[|(?:eventSink::Debug\(<\{%reset%\}>)?RegisterResource RPC finished:)/;

/** Each line of `text` holding one of `secrets`, Pulumi's own RPC dumps aside, cut to 300 characters. */
export const leakedLines = (text: string, secrets: readonly string[]): string[] =>
  text
    .split("\n")
    .filter((line) => secrets.some((secret) => line.includes(secret)) && !PULUMI_RPC_DUMP.test(line))
    .map((line) => line.slice(0, 300));
