/**
 * The large organization (1 organization, 20 workspaces, 1,000 members, 2,000 workspace
 * memberships, 10 domains, 50 integrations) applied by a real `pulumi up` and a real `terraform
 * apply` against the emulator on loopback, beside the floor no provider can beat: the same tool
 * applying as many resources that do nothing, in the same graph, plus a load tool issuing the
 * API calls that create the organization at the same concurrency. Then a no-op preview/plan and a
 * refresh of the same organization, counting API calls by method, and each front end's start.
 * Prints ratios and counts, and ends with one JSON line.
 *
 * Run: npm run build && npx ts-node --transpile-only bench/large-org.ts
 * (BENCH_MEMBERS=100 for a quicker, smaller run of the same shape; BENCH_TOOLS=terraform or pulumi for one
 * front end.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FLOOR_ENV } from "../test/e2e/fixtures/pulumi-declare/declaration";
import {
  differences,
  LARGE_ORG,
  objectCount,
  type OrganizationShape,
  pulumiDeclaration,
  terraformConfig,
} from "../test/support/organization-shape";
import { PulumiWorkspace } from "../test/support/pulumi-stack";
import { installProviderMirror } from "../test/support/terraform-install";
import { TERRAFORM_CLI_CONFIG_ENV, TerraformWorkdir } from "../test/support/terraform-workdir";
import { spawnEmulator, type ServedEmulator } from "../test/support/emulator-process";
import { loadTool } from "./support/load-tool";
import { type Calls, callsSince, describe, timed, writesOf } from "./support/measure";
import { MINIMAL_NODE, PULUMI_RUNTIME, startTimes, TERRAFORM_PROVIDER } from "./support/start-time";

/** Terraform's default parallelism; Pulumi and the load tool are held to the same. */
const CONCURRENCY = 10;
const SHAPE: OrganizationShape = { ...LARGE_ORG, members: Number(process.env.BENCH_MEMBERS ?? LARGE_ORG.members) };
const SLUG = "large-org";
const TOOLS = (process.env.BENCH_TOOLS ?? "pulumi,terraform").split(",");

async function assertConverged(emulator: ServedEmulator, what: string): Promise<void> {
  const problems = await differences(emulator.listAll, SHAPE, SLUG);
  if (problems.length) throw new Error(`${what} did not converge: ${problems.slice(0, 10).join("; ")}`);
}

async function loadFloor(): Promise<{ seconds: number; calls: number }> {
  const emulator = await spawnEmulator();
  try {
    const [seconds, calls] = await timed(() => loadTool(emulator, SHAPE, SLUG, CONCURRENCY));
    await assertConverged(emulator, "the load tool");
    return { seconds, calls };
  } finally {
    emulator.stop();
  }
}

interface FrontEndResult {
  apply_s: number;
  apply_floor_s: number;
  apply_ratio: number;
  apply_calls: number;
  apply_writes: number;
  noop_plan_calls: number;
  noop_plan_writes: number;
  refresh_calls: number;
  provider_start_ms: number;
}

async function pulumiRun(load: { seconds: number }, startMs: number): Promise<FrontEndResult> {
  const workspace = new PulumiWorkspace();
  const emulator = await spawnEmulator();
  try {
    const api = { url: emulator.url, token: emulator.token };
    const floorStack = await workspace.stack("floor", api, { env: { [FLOOR_ENV]: "1" } });
    floorStack.declare(pulumiDeclaration(SHAPE, SLUG));
    const [floorSeconds] = await timed(() => floorStack.up("--parallel", String(CONCURRENCY)));
    await callsSince(emulator);

    // The pulumi-declare program declares through the compiled front end, as an installed scrums-iac runs.
    const stack = await workspace.stack("large", api);
    stack.declare(pulumiDeclaration(SHAPE, SLUG));
    const [seconds] = await timed(() => stack.up("--parallel", String(CONCURRENCY)));
    const apply = await callsSince(emulator);
    await assertConverged(emulator, "pulumi up");
    await callsSince(emulator);

    await stack.preview("--refresh", "--expect-no-changes", "--parallel", String(CONCURRENCY));
    const noop = await callsSince(emulator);
    await stack.refresh("--expect-no-changes", "--parallel", String(CONCURRENCY));
    const refresh = await callsSince(emulator);
    report("Pulumi", seconds, floorSeconds, load.seconds, apply, noop, refresh);
    return result(seconds, floorSeconds + load.seconds, apply, noop, refresh, startMs);
  } finally {
    emulator.stop();
    workspace.remove();
  }
}

const FLOOR_HCL = (shape: OrganizationShape) => `
resource "terraform_data" "org" {
  input = "org"
}
resource "terraform_data" "ws" {
  count = ${shape.workspaces}
  input = terraform_data.org.id
}
resource "terraform_data" "member" {
  count = ${shape.members}
  input = terraform_data.org.id
}
resource "terraform_data" "membership" {
  count = ${shape.members * shape.workspacesPerMember}
  input = [terraform_data.ws[count.index % ${shape.workspaces}].id, terraform_data.member[floor(count.index / ${shape.workspacesPerMember})].id]
}
resource "terraform_data" "domain" {
  count = ${shape.domains}
  input = terraform_data.org.id
}
resource "terraform_data" "slack" {
  count = ${shape.organizationIntegrations}
  input = terraform_data.org.id
}
resource "terraform_data" "github" {
  count = ${shape.workspaceIntegrations}
  input = terraform_data.ws[count.index % ${shape.workspaces}].id
}
`;

async function terraformRun(load: { seconds: number }, startMs: number): Promise<FrontEndResult> {
  const emulator = await spawnEmulator();
  const dirs = [
    mkdtempSync(path.join(os.tmpdir(), "scrums-bench-tf-floor-")),
    mkdtempSync(path.join(os.tmpdir(), "scrums-bench-tf-")),
  ];
  try {
    const api = { url: emulator.url, token: emulator.token };
    const quiet = { TF_LOG: "" };
    const floor = new TerraformWorkdir(api, dirs[0], quiet);
    floor.write(FLOOR_HCL(SHAPE));
    await floor.terraform(["init", "-input=false"]);
    const [floorSeconds] = await timed(() => floor.apply(`-parallelism=${CONCURRENCY}`));

    const workdir = new TerraformWorkdir(api, dirs[1], quiet);
    workdir.write(terraformConfig(SHAPE, SLUG));
    await workdir.terraform(["init", "-input=false"]);
    await callsSince(emulator);
    const [seconds] = await timed(() => workdir.apply(`-parallelism=${CONCURRENCY}`));
    const apply = await callsSince(emulator);
    await assertConverged(emulator, "terraform apply");
    await callsSince(emulator);

    const plan = await workdir.plan(`-parallelism=${CONCURRENCY}`);
    if (plan.code !== 0) throw new Error(`terraform plan after apply shows changes:\n${plan.stdout}`);
    const noop = await callsSince(emulator);
    await workdir.apply("-refresh-only", `-parallelism=${CONCURRENCY}`);
    const refresh = await callsSince(emulator);
    report("Terraform", seconds, floorSeconds, load.seconds, apply, noop, refresh);
    return result(seconds, floorSeconds + load.seconds, apply, noop, refresh, startMs);
  } finally {
    emulator.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

function result(
  seconds: number,
  floorSeconds: number,
  apply: Calls,
  noop: Calls,
  refresh: Calls,
  startMs: number,
): FrontEndResult {
  return {
    apply_s: round(seconds),
    apply_floor_s: round(floorSeconds),
    apply_ratio: round(seconds / floorSeconds, 3),
    apply_calls: apply.total!,
    apply_writes: writesOf(apply),
    noop_plan_calls: noop.total!,
    noop_plan_writes: writesOf(noop),
    refresh_calls: refresh.total!,
    provider_start_ms: startMs,
  };
}

function report(
  tool: string,
  seconds: number,
  toolFloor: number,
  loadSeconds: number,
  apply: Calls,
  noop: Calls,
  refresh: Calls,
) {
  const objects = objectCount(SHAPE);
  const floor = toolFloor + loadSeconds;
  console.log(
    `${tool}: apply ${seconds.toFixed(1)} s; floor ${floor.toFixed(1)} s (${tool} with do-nothing resources ${toolFloor.toFixed(1)} s + load tool ${loadSeconds.toFixed(1)} s); ratio ${(seconds / floor).toFixed(3)}`,
  );
  console.log(
    `${tool}: apply calls ${apply.total} for ${objects} objects (${describe(apply)}); writes per object ${(writesOf(apply) / objects).toFixed(3)}`,
  );
  console.log(
    `${tool}: no-op plan calls ${noop.total} = ${((100 * noop.total!) / objects).toFixed(2)} % of objects (${describe(noop)}); refresh calls ${refresh.total} (${describe(refresh)})`,
  );
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function main() {
  process.env[TERRAFORM_CLI_CONFIG_ENV] ??= installProviderMirror();
  const starts = await startTimes({ terraform: TERRAFORM_PROVIDER, pulumi: PULUMI_RUNTIME, node: MINIMAL_NODE }, 9);
  console.log(
    `start: Terraform provider to handshake ${starts.terraform} ms, Pulumi runtime loaded ${starts.pulumi} ms, minimal Node ${starts.node} ms`,
  );
  const load = await loadFloor();
  console.log(`load tool: ${load.calls} create calls at concurrency ${CONCURRENCY} in ${load.seconds.toFixed(2)} s`);
  const pulumi = TOOLS.includes("pulumi") ? await pulumiRun(load, starts.pulumi) : {};
  const terraform = TOOLS.includes("terraform") ? await terraformRun(load, starts.terraform) : {};
  const prefixed = Object.fromEntries(Object.entries(terraform).map(([key, value]) => [`tf_${key}`, value]));
  console.log(
    JSON.stringify({
      bench: "large-org",
      objects: objectCount(SHAPE),
      concurrency: CONCURRENCY,
      node_start_ms: starts.node,
      ...pulumi,
      ...prefixed,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
