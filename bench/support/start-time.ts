import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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

/** The certificate a Terraform provider is given as Terraform's own (go-plugin's AutoMTLS). */
export const CLIENT_CERTIFICATE = selfSignedCertificate();

const ENV = {
  ...process.env,
  TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
  PLUGIN_PROTOCOL_VERSIONS: "6",
  PLUGIN_CLIENT_CERT: CLIENT_CERTIFICATE.certificatePem,
};

/** CPU nanoseconds a thread has run, or 0 for one that has just ended. */
function threadCpu(pid: number, task: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    return 0;
  }
}

/** CPU milliseconds (user and system) the process's threads have used so far, from Linux's scheduler statistics. */
function cpuTime(pid: number): number {
  return readdirSync(`/proc/${pid}/task`).reduce((sum, task) => sum + threadCpu(pid, task), 0) / 1e6;
}

/** One start: milliseconds from spawn to the first line and CPU milliseconds used by then; the same at the end of `then` if given. */
export interface StartSample {
  wall: number;
  cpu: number;
  then?: number;
  thenCpu?: number;
}

/** What to do once the first line is there, such as Terraform's first call; its time is reported as `then`. */
export type AfterStart = (line: string) => Promise<void>;

async function startSample([file, ...args]: Command, then?: AfterStart): Promise<StartSample> {
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e6;
  const child = spawn(file, args, { env: ENV, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const line = await firstLine(child);
    const wall = since();
    const cpu = cpuTime(child.pid!);
    // A Terraform handshake, a Pulumi plugin's port, or a plain process's "ready".
    if (!line.startsWith("1|6|tcp|") && !/^\d+$/.test(line) && line !== "ready")
      throw new Error(`unexpected first line: ${line}`);
    if (!then) return { wall, cpu };
    await then(line);
    return { wall, cpu, then: since(), thenCpu: cpuTime(child.pid!) };
  } finally {
    child.kill();
  }
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
  const medians = await startSamples(commands, runs);
  return Object.fromEntries(Object.entries<StartSample>(medians).map(([name, { wall }]) => [name, wall])) as Record<
    K,
    number
  >;
}

/** Like `startTimes`, with each field of the samples' medians; `then` runs after the first line of the commands it names. */
export async function startSamples<K extends string>(
  commands: Record<K, Command>,
  runs: number,
  then: Partial<Record<K, AfterStart>> = {},
): Promise<Record<K, StartSample>> {
  const names = Object.keys(commands) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as StartSample[]])) as Record<K, StartSample[]>;
  for (let i = 0; i < runs; i++) {
    for (const name of names) samples[name].push(await startSample(commands[name], then[name]));
  }
  const summary = (values: StartSample[]): StartSample => {
    const middle = (key: keyof StartSample) => Math.round(median(values.map((value) => value[key]!)));
    const then = values[0]!.then === undefined ? {} : { then: middle("then"), thenCpu: middle("thenCpu") };
    return { wall: middle("wall"), cpu: middle("cpu"), ...then };
  };
  return Object.fromEntries(names.map((name) => [name, summary(samples[name])])) as Record<K, StartSample>;
}
