/**
 * `scrums-iac discover` on a large organization, as docs/discover.md says it prints: one line per 500
 * objects read on stderr while it reads, then the summary on stdout.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { must, useEmulator } from "../../support/emulator-fixtures";

jest.setTimeout(60_000);

const emu = useEmulator();
const out = mkdtempSync(path.join(os.tmpdir(), "scrums-unit-discover-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs the command without blocking this process, which serves the emulator it reads. */
function discover(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = path.resolve(__dirname, "../../../bin/scrums-iac");
  const env = { ...process.env, SCRUMS_API_URL: emu.env.emulator.url, SCRUMS_API_TOKEN: emu.env.emulator.token };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "discover", ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("prints a progress line on stderr per 500 objects read, and the summary on stdout", async () => {
  const org = await emu.fx.org();
  for (let batch = 0; batch < 11; batch++) {
    const invitations = Array.from({ length: 100 }, (_, i) => ({
      email: `m${batch * 100 + i}@big.example.com`,
      role: "viewer",
    }));
    must(
      await emu.client.api("POST", `/v1/orgs/${org.id}/members/bulk`, { body: { invitations } }),
      200,
      `bulk ${batch}`,
    );
  }
  // The organization, its owner and 1,100 invitations: 1,102 objects.
  const run = await discover(["--organization", org.id as string, "--format", "hcl", "--out", out]);
  expect(run.stderr).toBe("discover: 500 objects read…\ndiscover: 1000 objects read…\n");
  expect(run.stdout).toMatch(/^Discovered .*: 1102 objects/);
  expect(run.code).toBe(0);
});
