import { spawn } from "node:child_process";
import path from "node:path";
import { selfSignedCertificate } from "../../provider/terraform/plugin/certificate";
import { firstLine } from "../../test/support/emulator-process";

const DIST = path.resolve(__dirname, "../../dist");

/** A command line: the executable, then its arguments. */
export type Command = [string, ...string[]];

/** The compiled Terraform provider, launched the way Terraform launches it, up to its handshake line. */
export const TERRAFORM_PROVIDER: Command = [process.execPath, path.join(DIST, "provider/terraform/plugin/main.js")];
/** A Node process loading what Pulumi's dynamic-provider process loads of scrums-iac (the runtime). */
export const PULUMI_RUNTIME: Command = [
  process.execPath,
  "-e",
  `require(${JSON.stringify(path.join(DIST, "provider/pulumi/runtime.js"))}); console.log("ready")`,
];
/** The least any Node program costs to start. */
export const MINIMAL_NODE: Command = [process.execPath, "-e", "console.log('ready')"];

const ENV = {
  ...process.env,
  TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
  PLUGIN_PROTOCOL_VERSIONS: "6",
  PLUGIN_CLIENT_CERT: selfSignedCertificate().certificatePem,
};

async function timeToFirstLine([file, ...args]: Command): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(file, args, { env: ENV, stdio: ["ignore", "pipe", "inherit"] });
  const line = await firstLine(child);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  child.kill();
  // A Terraform handshake, a Pulumi plugin's port, or a plain process's "ready".
  if (!line.startsWith("1|6|tcp|") && !/^\d+$/.test(line) && line !== "ready")
    throw new Error(`unexpected first line: ${line}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Median milliseconds from spawn to first line for each command, run interleaved `runs` times so all
 * of them see the same machine. Needs `npm run build`.
 */
export async function startTimes<K extends string>(
  commands: Record<K, Command>,
  runs: number,
): Promise<Record<K, number>> {
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, [] as number[]])) as Record<
    K,
    number[]
  >;
  for (let i = 0; i < runs; i++) {
    for (const name of Object.keys(commands) as K[]) samples[name].push(await timeToFirstLine(commands[name]));
  }
  return Object.fromEntries(
    Object.entries<number[]>(samples).map(([name, values]) => [name, Math.round(median(values))]),
  ) as Record<K, number>;
}
