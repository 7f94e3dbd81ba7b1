/**
 * How long Terraform waits for the provider at each launch: from spawning the compiled provider (as
 * Terraform does, with the magic cookie and a client certificate) to its handshake line, beside a
 * minimal Node process printing one line, on the same run. Prints medians, their difference, and
 * one JSON line. Run after `npm run build`: npx ts-node --transpile-only bench/terraform-provider-start.ts
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { selfSignedCertificate } from "../provider/terraform/plugin/certificate";
import { firstLine } from "./support/processes";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PROVIDER = path.resolve(__dirname, "../dist/provider/terraform/plugin/main.js");
const ENV = {
  ...process.env,
  TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
  PLUGIN_PROTOCOL_VERSIONS: "6",
  PLUGIN_CLIENT_CERT: selfSignedCertificate().certificatePem,
};

async function timeToFirstLine(args: string[]): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env: ENV, stdio: ["ignore", "pipe", "inherit"] });
  const line = await firstLine(child);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  child.kill();
  if (!line.startsWith("1|6|tcp|") && line !== "ready") throw new Error(`unexpected first line: ${line}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const provider: number[] = [];
  const node: number[] = [];
  // Interleaved, so both see the same machine.
  for (let i = 0; i < RUNS; i++) {
    provider.push(await timeToFirstLine([PROVIDER]));
    node.push(await timeToFirstLine(["-e", "console.log('ready')"]));
  }
  const result = { provider_start_ms: Math.round(median(provider)), node_start_ms: Math.round(median(node)), runs: RUNS };
  console.log(`provider launch to handshake: ${result.provider_start_ms} ms (median of ${RUNS})`);
  console.log(`minimal Node process:         ${result.node_start_ms} ms`);
  console.log(`provider's own start:         ${result.provider_start_ms - result.node_start_ms} ms`);
  console.log(JSON.stringify(result));
}

void main();
