/**
 * The emulator in a process of its own, started as users start it (`scrums-iac emulator`), for
 * benchmarks and for tests that crash and restart it under a running apply.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

const repoRoot = path.resolve(__dirname, "../..");

export interface ServedEmulator {
  url: string;
  pid: number;
  token: string;
  controlToken: string;
  /** SIGTERM, without waiting. */
  stop(): void;
  /** SIGKILL, resolved once the process is gone and its port is free. */
  crash(): Promise<void>;
  /** A control endpoint (`/faults`, `/requests`, …) with the control token. */
  control(method: string, controlPath: string, body?: unknown): Promise<unknown>;
  /** Every item of an API collection, read with the admin token. */
  listAll(listPath: string, query?: Record<string, string>): Promise<Array<Record<string, unknown>>>;
}

/**
 * Starts the emulator and reads its JSON line; `--memory` by default, or `--data <dir>` and a `--port` to
 * restart on. `command` is this repository's `bin/scrums-iac` unless another (an installed one) is named.
 */
export async function spawnEmulator(
  extraArgs: string[] = ["--memory"],
  port = 0,
  command = path.join(repoRoot, "bin/scrums-iac"),
): Promise<ServedEmulator> {
  const child = spawn(
    process.execPath,
    [
      "--disable-warning=ExperimentalWarning",
      command,
      "emulator",
      "--port",
      String(port),
      "--exit-with-parent",
      ...extraArgs,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const first = await firstLine(child);
  const info = JSON.parse(first) as { url: string; token: string; control_token: string };
  child.stdout!.resume();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: info.url,
    pid: child.pid!,
    token: info.token,
    controlToken: info.control_token,
    stop: () => child.kill("SIGTERM"),
    crash: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    control: async (method, controlPath, body) => {
      const response = await fetch(`${info.url}/_emulator${controlPath}`, {
        method,
        headers: { authorization: `Bearer ${info.control_token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status >= 300)
        throw new Error(`${method} /_emulator${controlPath} answered ${response.status}: ${await response.text()}`);
      return response.status === 204 ? undefined : ((await response.json()) as { data: unknown }).data;
    },
    listAll: async (listPath, query = {}) => {
      const items: Array<Record<string, unknown>> = [];
      let cursor: string | undefined;
      do {
        const url = new URL(info.url + listPath);
        for (const [key, value] of Object.entries({ ...query, limit: "200", ...(cursor ? { cursor } : {}) }))
          url.searchParams.set(key, value);
        const response = await fetch(url, { headers: { authorization: `Bearer ${info.token}` } });
        if (response.status !== 200)
          throw new Error(`GET ${listPath} answered ${response.status}: ${await response.text()}`);
        const page = (await response.json()) as {
          data: Array<Record<string, unknown>>;
          meta: { has_more: boolean; cursor: string | null };
        };
        items.push(...page.data);
        cursor = page.meta.has_more ? (page.meta.cursor ?? undefined) : undefined;
      } while (cursor);
      return items;
    },
  };
}

export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      lines.close();
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`process exited with ${code} before printing its first line`)));
  });
}
