/**
 * How long Terraform waits for the provider at each launch: from spawning the compiled provider (as
 * Terraform does, with the magic cookie and a client certificate) to its handshake line, beside a
 * minimal Node process printing one line, on the same run. Prints medians, their difference, and
 * one JSON line. Run after `npm run build`: npx ts-node --transpile-only bench/terraform-provider-start.ts
 */
import { MINIMAL_NODE, startTimes, TERRAFORM_PROVIDER } from "./support/start-time";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

async function main() {
  const times = await startTimes({ provider: TERRAFORM_PROVIDER, node: MINIMAL_NODE }, RUNS);
  const result = { provider_start_ms: times.provider, node_start_ms: times.node, runs: RUNS };
  console.log(`provider launch to handshake: ${result.provider_start_ms} ms (median of ${RUNS})`);
  console.log(`minimal Node process:         ${result.node_start_ms} ms`);
  console.log(`provider's own start:         ${result.provider_start_ms - result.node_start_ms} ms`);
  console.log(JSON.stringify(result));
}

void main();
