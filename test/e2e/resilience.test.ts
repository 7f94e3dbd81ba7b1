/**
 * A mid-size organization applied by the real `pulumi` and `terraform` while things go wrong: a
 * fifth of all requests failing (5xx before and after the platform commits, 429 with Retry-After,
 * connections dropped before and after), the tool's whole process tree killed mid-apply and run
 * again, and the platform itself crashed and restarted mid-apply. Each time the platform must end
 * up holding exactly the declaration, checked object by object, and the next plan must be empty.
 * Then the CLI alone killed mid-apply (`pulumi`, and `terraform` and `tofu`): every process it
 * started must exit within a second, with no write to the platform after that.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { unique } from "../support/emulator-client";
import { spawnEmulator, type ServedEmulator } from "../support/emulator-process";
import {
  differences,
  MID_SIZE_ORG,
  objectCount,
  pulumiDeclaration,
  terraformConfig,
} from "../support/organization-shape";
import { PulumiWorkspace } from "../support/pulumi-stack";
import {
  descendants,
  killAlone,
  killTree,
  type ProcessEntry,
  type RunOptions,
  type RunResult,
  stillRunning,
} from "../support/run";
import { TerraformWorkdir } from "../support/terraform-workdir";
import { terraformClients, terraformCommand } from "../support/tools";

const SHAPE = MID_SIZE_ORG;

/** About a fifth of all requests fail, in every way the platform can fail them. */
const FAULTS = [
  { kind: "error", status: 503, rate: 0.06 },
  { kind: "error", status: 500, rate: 0.03, phase: "after" },
  { kind: "error", status: 429, rate: 0.06, retry_after: 1 },
  { kind: "drop", rate: 0.03 },
  { kind: "drop", rate: 0.02, phase: "after" },
];
/** Slows every request, so that an apply is still running when the test interrupts it. */
const SLOW = { kind: "latency", latency_ms: 40 };

type ApplyOptions = Pick<RunOptions, "started" | "allowFailure">;

interface FrontEnd {
  apply(options?: ApplyOptions): Promise<RunResult>;
  /** What the tool needs after its process was killed, before it runs again. */
  recoverFromKill(): Promise<void>;
  expectNoChanges(): Promise<void>;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-resilience-"));
let emulator: ServedEmulator;
let port: number;
const pulumi = new PulumiWorkspace();
const workdirs: TerraformWorkdir[] = [];

beforeAll(async () => {
  emulator = await spawnEmulator(["--data", dataDir]);
  port = Number(new URL(emulator.url).port);
});
afterAll(async () => {
  await emulator.crash();
  pulumi.remove();
  for (const workdir of workdirs) workdir.remove();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => emulator.control("DELETE", "/faults"));

const api = () => ({ url: emulator.url, token: emulator.token });

const terraformFrontEnd =
  (client: string) =>
  async (slug: string): Promise<FrontEnd> => {
    const workdir = new TerraformWorkdir(api(), undefined, { TF_LOG: "" }, client);
    workdirs.push(workdir);
    workdir.write(terraformConfig(SHAPE, slug));
    await workdir.terraform(["init", "-input=false"]);
    return {
      apply: (options) => workdir.terraform(["apply", "-auto-approve", "-input=false"], options),
      // The local backend's lock dies with the process; the state holds what Terraform last persisted.
      recoverFromKill: async () => {},
      expectNoChanges: async () => expect((await workdir.plan()).code).toBe(0),
    };
  };

const FRONT_ENDS: Record<string, (slug: string) => Promise<FrontEnd>> = {
  ...Object.fromEntries(terraformClients().map((client) => [client, terraformFrontEnd(client)])),
  pulumi: async (slug) => {
    const stack = await pulumi.stack(slug, api());
    stack.declare(pulumiDeclaration(SHAPE, slug));
    return {
      apply: (options) => stack.pulumi(["up", "--yes", "--skip-preview"], options),
      recoverFromKill: async () => void (await stack.recoverFromKill()),
      expectNoChanges: async () => void (await stack.preview("--expect-no-changes", "--refresh")),
    };
  },
};

type RequestCounts = Record<string, { count: number; statuses: Record<string, number> }>;
const requestCounts = async () => ((await emulator.control("GET", "/requests")) as { routes: RequestCounts }).routes;

const createsServed = async () =>
  Object.entries(await requestCounts())
    .filter(([route]) => route.startsWith("POST "))
    .reduce((sum, [, { statuses }]) => sum + (statuses["201"] ?? 0), 0);

/** Every request that may change something, whatever its answer. */
const writesServed = async () =>
  Object.entries(await requestCounts())
    .filter(([route]) => !route.startsWith("GET "))
    .reduce((sum, [, { count }]) => sum + count, 0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Those of `started` still running once `withinMs` has passed (or none, as soon as they are gone). */
async function survivors(started: ProcessEntry[], withinMs: number): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  while (stillRunning(started).length > 0 && Date.now() < deadline) await sleep(50);
  return stillRunning(started);
}

/** Resolves once the platform has created `count` objects since the counters were reset. */
async function untilCreated(count: number): Promise<void> {
  while ((await createsServed()) < count) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function expectExactlyDeclared(slug: string): Promise<void> {
  expect(await differences(emulator.listAll, SHAPE, slug)).toEqual([]);
}

describe.each(["pulumi", terraformCommand()])("%s on a mid-size organization", (tool) => {
  const frontEnd = FRONT_ENDS[tool]!;

  test("converges while a fifth of the requests fail", async () => {
    const slug = unique(`faults-${tool}`);
    const run = await frontEnd(slug);
    for (const fault of FAULTS) await emulator.control("POST", "/faults", fault);
    await emulator.control("DELETE", "/requests");
    await run.apply();
    const { routes } = (await emulator.control("GET", "/requests")) as {
      routes: Record<string, { statuses: Record<string, number> }>;
    };
    const statuses = Object.values(routes).flatMap(({ statuses: byStatus }) => Object.keys(byStatus));
    expect(statuses).toEqual(expect.arrayContaining(["429", "500", "503"]));
    await emulator.control("DELETE", "/faults");
    await expectExactlyDeclared(slug);
    await run.expectNoChanges();
  });

  test("killed mid-apply, converges when run again, with no duplicates", async () => {
    const slug = unique(`killed-${tool}`);
    const run = await frontEnd(slug);
    await emulator.control("POST", "/faults", SLOW);
    await emulator.control("DELETE", "/requests");
    let child: ChildProcess | undefined;
    const interrupted = run.apply({ started: (started) => (child = started), allowFailure: true });
    await untilCreated(Math.floor(objectCount(SHAPE) / 2));
    killTree(child!);
    expect((await interrupted).code).not.toBe(0);
    await emulator.control("DELETE", "/faults");
    expect(await differences(emulator.listAll, SHAPE, slug)).not.toEqual([]);

    await run.recoverFromKill();
    await run.apply();
    await expectExactlyDeclared(slug);
    await run.expectNoChanges();
  });

  test("converges when the platform crashes and restarts mid-apply", async () => {
    const slug = unique(`restart-${tool}`);
    const run = await frontEnd(slug);
    await emulator.control("POST", "/faults", SLOW);
    await emulator.control("DELETE", "/requests");
    const applied = run.apply();
    await untilCreated(Math.floor(objectCount(SHAPE) / 2));
    await emulator.crash();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    emulator = await spawnEmulator(["--data", dataDir], port);
    await applied;
    await expectExactlyDeclared(slug);
    await run.expectNoChanges();
  });
});

describe.each(["pulumi", ...terraformClients()])("%s killed alone mid-apply", (tool) => {
  test("every process it started exits within a second, and the platform gets no write after that", async () => {
    const run = await FRONT_ENDS[tool]!(unique(`orphans-${tool}`));
    await emulator.control("POST", "/faults", SLOW);
    await emulator.control("DELETE", "/requests");
    let cli: ChildProcess | undefined;
    const interrupted = run.apply({ started: (started) => (cli = started), allowFailure: true });
    await untilCreated(Math.floor(objectCount(SHAPE) / 4));
    const started = descendants(cli!.pid!);
    expect(started.length).toBeGreaterThan(0);

    killAlone(cli!);
    expect(await survivors(started, 1000)).toEqual([]);
    const writes = await writesServed();
    await sleep(2000);
    expect(await writesServed()).toBe(writes);
    expect((await interrupted).code).not.toBe(0);
  });
});
