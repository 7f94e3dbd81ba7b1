/**
 * The native provider beside the dynamic resources: the plugin's start (spawn to the port line, the
 * release's standalone executable, the compiled entry and its launcher) beside a minimal Node process, then `pulumi up` of the quickstart
 * (12 resources) through each front end on the same emulator, alternating, median of the runs.
 * Prints the numbers and one JSON line.
 *
 * Run: npm run build && npm run release -- --platform linux-x64 && npx ts-node --transpile-only bench/pulumi-native.ts
 * (BENCH_RUNS=9, BENCH_UP_RUNS=3)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageVersion, RELEASE_DIR } from "../cli/package";
import type { Declaration, Value } from "../test/e2e/fixtures/pulumi-declare/declaration";
import { spawnEmulator } from "../test/support/emulator-process";
import { NATIVE_PLUGIN_ENV, PulumiWorkspace } from "../test/support/pulumi-stack";
import { repoRoot } from "../test/support/tools";
import { type Command, MINIMAL_NODE, startTimes } from "./support/start-time";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const UP_RUNS = Number(process.env.BENCH_UP_RUNS ?? 3);
const PLUGIN_ENTRY: Command = [process.execPath, path.join(repoRoot, "dist/provider/pulumi/native/main.js")];
const PLUGIN_LAUNCHER: Command = [path.join(repoRoot, "bin/pulumi-resource-scrums")];

/** The release's plugin for linux-x64, unpacked into `dir`. */
function standalonePlugin(dir: string): Command {
  const tarball = path.join(RELEASE_DIR, `pulumi-resource-scrums-v${packageVersion()}-linux-amd64.tar.gz`);
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  return [path.join(dir, "pulumi-resource-scrums")];
}

const ref = (name: string, output = "id"): Value => ({ $ref: name, output });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The quickstart program (examples/pulumi/quickstart) as a declaration; the native one passes the context inputs. */
function quickstart(run: string, native: boolean): Declaration {
  const domain = `${run}.example.com`;
  const certificate = readFileSync(path.join(repoRoot, "examples/pulumi/quickstart/idp-signing-cert.pem"), "utf8");
  const context = (args: Record<string, Value>) => (native ? args : {});
  const member = (email: string, role: string) => ({
    type: "OrganizationMember" as const,
    args: { organizationId: ref("apex"), email: `${email}@${domain}`, role },
  });
  const membership = (workspace: string, person: string, role: string, organizationRole: string) => ({
    type: "WorkspaceMember" as const,
    args: { workspaceId: ref(workspace), userId: ref(person, "userId"), role, ...context({ organizationRole }) },
  });
  return {
    native,
    resources: {
      apex: {
        type: "Organization",
        args: {
          name: "Apex Digital",
          slug: run,
          enforceSso: true,
          requireMfa: true,
          defaultCurrency: "USD",
          ...context({ plannedSsoDomains: [domain] }),
        },
      },
      "apex-domain": {
        type: "Domain",
        args: {
          organizationId: ref("apex"),
          domain,
          ssoEnforcement: "saml",
          saml: { entityId: `https://idp.${domain}/metadata`, acsUrl: `https://idp.${domain}/sso/acs`, certificate },
          jitProvisioningEnabled: true,
          scimEnabled: true,
          waitForVerification: true,
        },
      },
      platform: { type: "Workspace", args: { organizationId: ref("apex"), name: "Platform", slug: "platform" } },
      data: { type: "Workspace", args: { organizationId: ref("apex"), name: "Data", slug: "data" } },
      jordan: member("jordan", "admin"),
      sam: member("sam", "billing"),
      alex: member("alex", "viewer"),
      "platform-sam": membership("platform", "sam", "member", "billing"),
      "data-sam": membership("data", "sam", "viewer", "billing"),
      "data-alex": membership("data", "alex", "viewer", "viewer"),
      "platform-github": {
        type: "Integration",
        args: {
          workspaceId: ref("platform"),
          type: "github",
          config: { org: run, repositories: ["infrastructure"] },
          secrets: { webhook_secret: { $secret: "quickstart-webhook-secret" } },
        },
      },
    },
  };
}

async function main() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-bench-"));
  let starts;
  try {
    starts = await startTimes(
      { standalone: standalonePlugin(scratch), entry: PLUGIN_ENTRY, launcher: PLUGIN_LAUNCHER, node: MINIMAL_NODE },
      RUNS,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const emulator = await spawnEmulator();
  const workspace = new PulumiWorkspace();
  const ups: Record<"dynamic" | "native", number[]> = { dynamic: [], native: [] };
  try {
    await emulator.control("PUT", "/settings", { auto_verify_domains: true });
    for (let i = 0; i < UP_RUNS; i++) {
      for (const flavour of ["dynamic", "native"] as const) {
        const name = `${flavour}-${i}`;
        const stack = await workspace.stack(name, emulator, { env: NATIVE_PLUGIN_ENV });
        stack.declare(quickstart(`bench-${name}`, flavour === "native"));
        const started = process.hrtime.bigint();
        await stack.up();
        ups[flavour].push(Number(process.hrtime.bigint() - started) / 1e9);
        await stack.destroy();
      }
    }
  } finally {
    workspace.remove();
    emulator.stop();
  }
  const result = {
    plugin_standalone_start_ms: starts.standalone,
    plugin_start_ms: starts.entry,
    plugin_launcher_start_ms: starts.launcher,
    node_start_ms: starts.node,
    start_runs: RUNS,
    quickstart_up_native_s: Number(median(ups.native).toFixed(2)),
    quickstart_up_dynamic_s: Number(median(ups.dynamic).toFixed(2)),
    up_runs: UP_RUNS,
  };
  console.log(
    `plugin start to port line: standalone ${result.plugin_standalone_start_ms} ms, compiled entry ` +
      `${result.plugin_start_ms} ms (launcher ${result.plugin_launcher_start_ms} ms)`,
  );
  console.log(`minimal Node process:      ${result.node_start_ms} ms (medians of ${RUNS})`);
  console.log(
    `quickstart pulumi up:      native ${result.quickstart_up_native_s} s, dynamic ${result.quickstart_up_dynamic_s} s`,
  );
  console.log(JSON.stringify(result));
}

void main();
