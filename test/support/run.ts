import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { toolsEnv } from "./tools";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Resolve with the result instead of rejecting when the command exits non-zero. */
  allowFailure?: boolean;
  /** What the command reads on stdin (none by default). */
  input?: string;
  /**
   * Receives the process once it runs, in a process group of its own with the plugins it starts,
   * so that `killTree` can end them all at once as a cancelled CI job would.
   */
  started?: (child: ChildProcess) => void;
}

/** Kills a process started with `started`, and every process of its group, without warning. */
export function killTree(child: ChildProcess): void {
  if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
}

/** Kills only the process started with `started`, as an out-of-memory killer would, leaving what it started running. */
export function killAlone(child: ChildProcess): void {
  if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
}

export interface ProcessEntry {
  pid: number;
  /** Since boot, in clock ticks: tells a process from a later one given the same pid. */
  started: string;
  command: string;
}

/** Every live process (zombies are not), with its parent's pid. */
function liveProcesses(): Array<ProcessEntry & { parent: number }> {
  const live: Array<ProcessEntry & { parent: number }> = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      // The fields after the command name, which may itself hold spaces and parentheses: state, ppid, …, starttime (the 20th).
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      live.push({ pid: Number(pid), parent: Number(fields[1]), started: fields[19]!, command });
    } catch {
      // gone while being read
    }
  }
  return live;
}

/** The processes `pid` started, and those they started, alive now. */
export function descendants(pid: number): ProcessEntry[] {
  const live = liveProcesses();
  const found: ProcessEntry[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of live) {
      if (!parents.has(entry.parent) || parents.has(entry.pid)) continue;
      parents.add(entry.pid);
      found.push(entry);
      grew = true;
    }
  }
  return found;
}

/** Those of `earlier` still alive (the same processes, not reused pids), and what they started since, as `pid command line`. */
export function stillRunning(earlier: ProcessEntry[]): string[] {
  const live = liveProcesses();
  const alive = earlier.filter((entry) => live.some((now) => now.pid === entry.pid && now.started === entry.started));
  return [
    ...new Set(
      [...alive, ...alive.flatMap((entry) => descendants(entry.pid))].map((entry) => `${entry.pid} ${entry.command}`),
    ),
  ];
}

/** Runs a real binary with the tools environment and collects its output. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...toolsEnv(), ...options.env },
      stdio: "pipe",
      detached: options.started !== undefined,
    });
    child.stdin.end(options.input);
    options.started?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const result = { code: code ?? -1, stdout, stderr };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new Error(`${command} ${args.join(" ")} exited ${result.code}\n${stdout}\n${stderr}`));
      } else {
        resolve(result);
      }
    });
  });
}
