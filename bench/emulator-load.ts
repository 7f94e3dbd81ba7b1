/**
 * Load run of the emulator on loopback: a GET, a POST and a paged list of 100, each beside a bare Node
 * HTTP server answering a fixed JSON body, on the same run. Prints requests per second and their
 * ratio, and the server's CPU time per request (on Linux, from /proc: unlike requests per second, it
 * hardly depends on what else the machine runs), and ends with one JSON line.
 * Run: npx ts-node --transpile-only bench/emulator-load.ts
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { firstLine, spawnEmulator } from "../test/support/emulator-process";

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 16;

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

async function load(pid: number, url: string, options: Partial<autocannon.Options>): Promise<Load> {
  const cpuBefore = cpuNs(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, ...options });
  const cpuAfter = cpuNs(pid);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpuUs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / 1000 / result.requests.total;
  return { rps: result.requests.average, cpuUs };
}

const cpuText = (cpuUs: number | null) => (cpuUs === null ? "" : `, ${cpuUs.toFixed(1)} µs CPU per request`);

async function main() {
  const bare = spawn(process.execPath, ["-e", BARE_SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const bareUrl = await firstLine(bare);
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
    let n = 0;
    const cases = {
      get: () => load(emulator.pid, `${emulator.url}/v1/orgs/${orgId}`, { headers }),
      post: () =>
        load(emulator.pid, `${emulator.url}/v1/orgs/${orgId}/members`, {
          method: "POST",
          headers,
          requests: [
            {
              setupRequest: (req) => ({
                ...req,
                body: JSON.stringify({ email: `user${n++}@load.example`, role: "viewer" }),
              }),
            },
          ],
        }),
      list: () => load(emulator.pid, `${emulator.url}/v1/orgs/${orgId}/members?limit=100`, { headers }),
    };
    const bareLoad = await load(bare.pid!, bareUrl, {});
    const bareRps = bareLoad.rps;
    const results: Record<string, number | null> = {
      bare_rps: Math.round(bareRps),
      bare_cpu_us: round1(bareLoad.cpuUs),
    };
    for (const [name, run] of Object.entries(cases)) {
      const { rps, cpuUs } = await run();
      results[`${name}_rps`] = Math.round(rps);
      results[`${name}_ratio`] = Number((rps / bareRps).toFixed(3));
      results[`${name}_cpu_us`] = round1(cpuUs);
      console.log(
        `${name.padEnd(5)} ${rps.toFixed(0).padStart(7)} req/s${cpuText(cpuUs)}  = ${(rps / bareRps).toFixed(3)} × bare Node HTTP (${bareRps.toFixed(0)} req/s${cpuText(bareLoad.cpuUs)})`,
      );
    }
    console.log(
      JSON.stringify({ bench: "emulator-load", duration_s: DURATION_S, connections: CONNECTIONS, ...results }),
    );
  } finally {
    emulator.stop();
    bare.kill();
  }
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
