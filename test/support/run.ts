import { type ChildProcess, spawn } from "node:child_process";
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

/** Runs a real binary with the tools environment and collects its output. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...toolsEnv(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: options.started !== undefined,
    });
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
