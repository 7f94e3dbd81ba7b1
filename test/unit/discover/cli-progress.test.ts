/**
 * `scrums-iac discover` on a large organization, as docs/discover.md says it prints: one line per 500
 * objects read on stderr while it reads, then the summary on stdout.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { must, useEmulator } from "../../support/emulator-fixtures";
import { run } from "../../support/run";

jest.setTimeout(60_000);

const emu = useEmulator();
const out = mkdtempSync(path.join(os.tmpdir(), "scrums-unit-discover-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

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
  const bin = path.resolve(__dirname, "../../../bin/scrums-iac");
  const discovered = await run(
    process.execPath,
    [bin, "discover", "--organization", org.id as string, "--format", "hcl", "--out", out],
    {
      cwd: out,
      env: { SCRUMS_API_URL: emu.env.emulator.url, SCRUMS_API_TOKEN: emu.env.emulator.token },
    },
  );
  expect(discovered.stderr).toBe("discover: 500 objects read…\ndiscover: 1000 objects read…\n");
  expect(discovered.stdout).toMatch(/^Discovered .*: 1102 objects/);
});
