import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

const repoRoot = path.resolve(__dirname, "../..");

export interface ServedEmulator {
  url: string;
  token: string;
  controlToken: string;
  stop(): void;
}

/** Starts `scrums-iac emulator` in its own process, as users run it, and reads its JSON line. */
export async function spawnEmulator(extraArgs: string[] = ["--memory"]): Promise<ServedEmulator> {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", path.join(repoRoot, "bin/scrums-iac"),
    "emulator", "--port", "0", ...extraArgs], { stdio: ["ignore", "pipe", "inherit"] });
  const first = await firstLine(child);
  const info = JSON.parse(first) as { url: string; token: string; control_token: string };
  child.stdout!.resume();
  return { url: info.url, token: info.token, controlToken: info.control_token, stop: () => child.kill("SIGTERM") };
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
