/**
 * Load run of the emulator on loopback: a GET, a POST and a paged list of 100, each beside a bare Node
 * HTTP server sent the very same requests (method, headers, body) in the same round. Prints requests
 * per second and their ratio, and each server's CPU time per request (on Linux, from /proc: unlike
 * requests per second, it hardly depends on what else the machine runs). A bare server reading a
 * request body answers far fewer requests than one answering GETs, so the POST is also set beside the
 * bare server's GET, the baseline of earlier runs. Medians of `BENCH_ROUNDS` rounds after a warm-up;
 * ends with one JSON line.
 * Run: npx ts-node --transpile-only bench/emulator-load.ts
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { firstLine, spawnEmulator } from "../test/support/emulator-process";

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 16;

/** Reads the whole request body, as the emulator does, and answers a fixed JSON body. */
const BARE_SERVER = `
  const body = JSON.stringify({ data: { id: "ORG-26-000001", name: "Bare" } });
  const server = require("node:http").createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  });
  server.listen(0, "127.0.0.1", () => console.log("http://127.0.0.1:" + server.address().port));
`;

/** Nanoseconds a process has run on a CPU, or null where /proc does not say. */
function cpuNs(pid: number): number | null {
  const file = `/proc/${pid}/schedstat`;
  return existsSync(file) ? Number(readFileSync(file, "utf8").split(" ")[0]) : null;
}

interface Load {
  rps: number;
  /** The server's CPU time per request, in µs. */
  cpuUs: number | null;
}

interface Server {
  pid: number;
  url: string;
}

async function load(
  server: Server,
  path: string,
  options: Partial<autocannon.Options>,
  duration = DURATION_S,
): Promise<Load> {
  const url = server.url + path;
  const cpuBefore = cpuNs(server.pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration, ...options });
  const cpuAfter = cpuNs(server.pid);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpuUs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / 1000 / result.requests.total;
  return { rps: result.requests.average, cpuUs };
}

/** A case's requests, made anew for each load so that every POST creates a member no earlier one did. */
type Requests = () => { path: string; options: Partial<autocannon.Options> };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

function medianLoad(loads: Load[]): Load {
  const cpu = loads.map((one) => one.cpuUs).filter((value): value is number => value !== null);
  return { rps: median(loads.map((one) => one.rps)), cpuUs: cpu.length === loads.length ? median(cpu) : null };
}

const cpuText = (cpuUs: number | null) => (cpuUs === null ? "" : `, ${cpuUs.toFixed(1)} µs CPU`);
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

async function main() {
  const bareProcess = spawn(process.execPath, ["-e", BARE_SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const bare = { pid: bareProcess.pid!, url: await firstLine(bareProcess) };
  const emulator = await spawnEmulator();
  const headers = { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" };
  try {
    const org = (await (
      await fetch(`${emulator.url}/v1/orgs`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: "Load", slug: "load-test" }),
      })
    ).json()) as { data: { id: string } };
    const orgId = org.data.id;
    for (let i = 0; i < 2; i++) {
      await fetch(`${emulator.url}/v1/orgs/${orgId}/members/bulk`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          invitations: Array.from({ length: 100 }, (_, j) => ({ email: `seed${i}-${j}@load.example`, role: "viewer" })),
        }),
      });
    }
    let invited = 0;
    const cases: Record<string, Requests> = {
      get: () => ({ path: `/v1/orgs/${orgId}`, options: { headers } }),
      post: () => ({
        path: `/v1/orgs/${orgId}/members`,
        options: {
          method: "POST",
          headers,
          requests: [
            {
              setupRequest: (req) => ({
                ...req,
                body: JSON.stringify({ email: `user${invited++}@load.example`, role: "viewer" }),
              }),
            },
          ],
        },
      }),
      list: () => ({ path: `/v1/orgs/${orgId}/members?limit=100`, options: { headers } }),
    };

    // A first second per case and server, unmeasured, so that no round measures code V8 has not optimized yet.
    for (const requests of Object.values(cases)) {
      const { path, options } = requests();
      for (const server of [bare, emulator]) await load(server, path, options, 1);
    }
    const runs: Record<string, { emulator: Load[]; bare: Load[] }> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, requests] of Object.entries(cases)) {
        const { path, options } = requests();
        runs[name] ??= { emulator: [], bare: [] };
        runs[name].bare.push(await load(bare, path, options));
        runs[name].emulator.push(await load(emulator, path, options));
      }
    }

    const results: Record<string, number | null> = {};
    const bareGet = medianLoad(runs.get!.bare);
    for (const [name, run] of Object.entries(runs)) {
      const mine = medianLoad(run.emulator);
      const theirs = medianLoad(run.bare);
      const ratio = mine.rps / theirs.rps;
      Object.assign(results, {
        [`${name}_rps`]: Math.round(mine.rps),
        [`${name}_cpu_us`]: round1(mine.cpuUs),
        [`${name}_bare_rps`]: Math.round(theirs.rps),
        [`${name}_bare_cpu_us`]: round1(theirs.cpuUs),
        [`${name}_ratio`]: Number(ratio.toFixed(3)),
      });
      console.log(
        `${name.padEnd(5)} ${mine.rps.toFixed(0).padStart(6)} req/s${cpuText(mine.cpuUs)} per request = ${ratio.toFixed(3)} × bare Node HTTP sent the same requests (${theirs.rps.toFixed(0)} req/s${cpuText(theirs.cpuUs)})`,
      );
    }
    const postOverBareGet = medianLoad(runs.post!.emulator).rps / bareGet.rps;
    results.post_ratio_to_bare_get = Number(postOverBareGet.toFixed(3));
    console.log(`post  = ${postOverBareGet.toFixed(3)} × the bare server's GET`);
    console.log(
      JSON.stringify({
        bench: "emulator-load",
        duration_s: DURATION_S,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        ...results,
      }),
    );
  } finally {
    emulator.stop();
    bareProcess.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
