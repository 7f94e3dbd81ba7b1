/**
 * `discover` on the large organization (1 organization, 20 workspaces, 1,000 members, 2,000
 * workspace memberships, 10 domains, 50 integrations: 3,081 objects), made by the load tool against
 * the emulator on loopback: API calls and seconds to read it and write it as HCL, then, for scale,
 * the generated configuration imported by a real `terraform apply` and the call count of the no-op
 * plan that follows. Ends with one JSON line.
 *
 * Run: npm run build && npx ts-node --transpile-only bench/discover.ts
 * (BENCH_MEMBERS=100 for a quicker, smaller run of the same shape.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ScrumsClient } from "../provider/client/client";
import { discover } from "../provider/discover";
import { spawnEmulator } from "../test/support/emulator-process";
import { LARGE_ORG, objectCount, type OrganizationShape } from "../test/support/organization-shape";
import { installProviderMirror } from "../test/support/terraform-install";
import { TERRAFORM_CLI_CONFIG_ENV, TerraformWorkdir } from "../test/support/terraform-workdir";
import { loadTool } from "./support/load-tool";
import { callsSince, describe, timed, writesOf } from "./support/measure";

/** Terraform's default parallelism; the load tool is held to the same. */
const CONCURRENCY = 10;
const SHAPE: OrganizationShape = { ...LARGE_ORG, members: Number(process.env.BENCH_MEMBERS ?? LARGE_ORG.members) };
const SLUG = "large-org";

async function main() {
  process.env[TERRAFORM_CLI_CONFIG_ENV] ??= installProviderMirror();
  const emulator = await spawnEmulator();
  const dir = mkdtempSync(path.join(os.tmpdir(), "scrums-bench-discover-"));
  try {
    await loadTool(emulator, SHAPE, SLUG, CONCURRENCY);
    await callsSince(emulator);

    const client = new ScrumsClient({ apiUrl: emulator.url, token: emulator.token });
    const [seconds, { graph, files }] = await timed(() => discover(client, "hcl", { organization: SLUG }));
    await client.close();
    const reads = await callsSince(emulator);
    if (writesOf(reads) !== 0) throw new Error(`discover wrote to the platform: ${describe(reads)}`);
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    console.log(
      `discover: ${graph.nodes.length} objects of ${objectCount(SHAPE)} in ${seconds.toFixed(2)} s with ${reads.total} calls (${describe(reads)}), ${graph.secrets.length} secrets to fill in`,
    );

    const secrets = Object.fromEntries(
      graph.secrets.map((secret) => [`TF_VAR_${secret.name}`, `bench-${secret.name}`]),
    );
    const workdir = new TerraformWorkdir({ url: emulator.url, token: emulator.token }, dir, { TF_LOG: "", ...secrets });
    await workdir.terraform(["init", "-input=false"]);
    const [importSeconds] = await timed(() => workdir.apply(`-parallelism=${CONCURRENCY}`));
    const imports = await callsSince(emulator);
    const plan = await workdir.plan(`-parallelism=${CONCURRENCY}`);
    if (plan.code !== 0) throw new Error(`terraform plan after the import shows changes:\n${plan.stdout}`);
    const noop = await callsSince(emulator);
    console.log(
      `terraform: the generated configuration imported in ${importSeconds.toFixed(1)} s with ${imports.total} calls (${describe(imports)}); no-op plan ${noop.total} calls (${describe(noop)})`,
    );
    console.log(
      JSON.stringify({
        bench: "discover",
        objects: graph.nodes.length,
        discover_s: Number(seconds.toFixed(2)),
        discover_calls: reads.total,
        discover_writes: writesOf(reads),
        secrets: graph.secrets.length,
        import_apply_s: Number(importSeconds.toFixed(1)),
        import_apply_calls: imports.total,
        noop_plan_calls: noop.total,
      }),
    );
  } finally {
    emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
