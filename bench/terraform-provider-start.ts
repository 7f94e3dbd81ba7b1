/**
 * How long Terraform waits for the provider at each launch: from spawning it (as Terraform does, with
 * the magic cookie and a client certificate) to its handshake line, on the same run, for the release's
 * standalone executable, the launcher `scrums-iac terraform install` writes where there is no release
 * (sh, then Node on the compiled provider), and a minimal Node process printing one line. Prints
 * medians and one JSON line. Run after `npm run build` and `npm run release -- --platform linux-x64`:
 *   npx ts-node --transpile-only bench/terraform-provider-start.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageVersion, RELEASE_DIR } from "../cli/package";
import { installLauncher, platform } from "../provider/terraform/install";
import { MINIMAL_NODE, startTimes, TERRAFORM_PROVIDER } from "./support/start-time";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

/** The release's executable for this machine, unzipped into a scratch directory. */
function standaloneExecutable(version: string): string {
  const zip = path.join(RELEASE_DIR, `terraform-provider-scrums_${version}_${platform()}.zip`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "scrums-bench-"));
  execFileSync("unzip", ["-q", zip, "-d", dir]);
  return path.join(dir, readdirSync(dir)[0]!);
}

async function main() {
  const version = packageVersion();
  const [launcher] = installLauncher(
    mkdtempSync(path.join(os.tmpdir(), "scrums-bench-")),
    version,
    TERRAFORM_PROVIDER[1]!,
  ).files;
  const times = await startTimes(
    { standalone: [standaloneExecutable(version)], launcher: [launcher!], node: MINIMAL_NODE },
    RUNS,
  );
  console.log(`standalone executable to handshake: ${times.standalone} ms (median of ${RUNS})`);
  console.log(`launcher (sh, node) to handshake:   ${times.launcher} ms`);
  console.log(`minimal Node process:               ${times.node} ms`);
  console.log(JSON.stringify({ ...times, runs: RUNS }));
}

void main();
