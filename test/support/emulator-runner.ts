/**
 * Runs the emulator in its own process for tests that must kill it: `node -r
 * ts-node/register/transpile-only test/support/emulator-runner.ts <dataDir>` prints one JSON line,
 * `{"url", "token", "controlToken", "userId"}`, on stdout once it listens, then serves until killed
 * or until the test process is gone.
 */
import { start } from "../../emulator";
import { onParentExit } from "../../provider/lifeline";

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write("usage: emulator-runner.ts <dataDir>\n");
  process.exit(2);
}

start({ dataDir }).then(
  ({ url, token, controlToken, userId }) => {
    process.stdout.write(`${JSON.stringify({ url, token, controlToken, userId })}\n`);
    onParentExit(() => process.exit(1));
  },
  (error: unknown) => {
    process.stderr.write(`emulator failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
