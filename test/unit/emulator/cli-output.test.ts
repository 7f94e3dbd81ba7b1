/** `scrums-iac emulator` as scripts read it: its first line is the JSON line, even with stderr merged into stdout. */
import { spawn } from "node:child_process";
import path from "node:path";
import { firstLine } from "../../support/emulator-process";

test("with stderr merged into stdout, the first line is the JSON line: no SQLite ExperimentalWarning ahead of it", async () => {
  const bin = path.resolve(__dirname, "../../../bin/scrums-iac");
  const child = spawn("sh", ["-c", `exec "${process.execPath}" "${bin}" emulator --memory --port 0 2>&1`], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    const line = await firstLine(child);
    expect(() => JSON.parse(line)).not.toThrow();
    expect(JSON.parse(line)).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  } finally {
    child.kill("SIGTERM");
  }
}, 60_000);
