import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { start } from "../emulator";
import { onParentExit } from "../provider/lifeline";

const HELP = `Usage: scrums-iac emulator [--port <n|0>] [--host <address>] [--data <dir> | --memory] [--exit-with-parent]

Serves the platform API on this machine. Prints one JSON line first,
  {"url": ..., "token": ..., "control_token": ..., "user_id": ...}
then one human-readable line per request. Stops on SIGINT or SIGTERM.

  --port     port to listen on; 0 picks a free one (default 8480)
  --host     address to bind (default 127.0.0.1)
  --data     directory of the on-disk store (default ~/.local/share/scrums-iac/emulator)
  --memory   keep everything in memory instead
  --exit-with-parent
             stop as soon as the process that started it exits (for test harnesses)
`;

export async function runEmulator(args: string[]): Promise<number | undefined> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "8480" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string" },
      memory: { type: "boolean", default: false },
      "exit-with-parent": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0 to 65535, not "${values.port}"`);
  if (values.memory && values.data) throw new Error("give --data or --memory, not both");
  const dataDir = values.memory
    ? undefined
    : (values.data ?? path.join(os.homedir(), ".local/share/scrums-iac/emulator"));

  const emulator = await start({
    port,
    host: values.host,
    ...(dataDir ? { dataDir } : {}),
    log: batchedLines((line) => `${isoNow()} ${line}\n`),
    checkAnswers: false,
  });
  process.stdout.write(
    `${JSON.stringify({ url: emulator.url, token: emulator.token, control_token: emulator.controlToken, user_id: emulator.userId })}\n`,
  );
  process.stdout.write(`${new Date().toISOString()} serving ${dataDir ? `data in ${dataDir}` : "from memory"}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    if (values["exit-with-parent"]) onParentExit(stop);
  });
  await emulator.close();
  return 0;
}

let lastMs = 0;
let lastIso = "";

/** The time as ISO 8601, made once per millisecond: under load many request lines share one. */
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) [lastMs, lastIso] = [ms, new Date(ms).toISOString()];
  return lastIso;
}

/** How late a request line may reach stdout: under load one write then carries hundreds of lines, not a few. */
const LINES_DELAY_MS = 20;

/** Request lines reach stdout in batches, each line stamped when it was logged. */
function batchedLines(format: (line: string) => string): (line: string) => void {
  let pending = "";
  return (line) => {
    if (pending === "") {
      setTimeout(() => {
        process.stdout.write(pending);
        pending = "";
      }, LINES_DELAY_MS);
    }
    pending += format(line);
  };
}
