/**
 * The native Pulumi plugin as users get it: the release's tarball, installed by `scrums-iac pulumi
 * install` (`pulumi plugin install … --file`), started by the real `pulumi` with no `node` on PATH.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageVersion } from "../../cli/package";
import { run } from "../support/run";
import { repoRoot, toolsEnv } from "../support/tools";

const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-pulumi-release-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("installs from the release's tarball and serves the package's schema through pulumi, with no node on PATH", async () => {
  const home = path.join(scratch, "pulumi-home");
  mkdirSync(home);
  execFileSync("node", ["bin/scrums-iac", "pulumi", "install"], {
    cwd: repoRoot,
    env: { ...toolsEnv(), PULUMI_HOME: home },
    stdio: "ignore",
  });
  const bin = path.join(scratch, "pulumi-only");
  mkdirSync(bin);
  symlinkSync(
    execFileSync("sh", ["-c", "command -v pulumi"], { env: toolsEnv(), encoding: "utf8" }).trim(),
    path.join(bin, "pulumi"),
  );

  const shown = await run("pulumi", ["package", "get-schema", "scrums"], {
    cwd: home,
    env: { PATH: bin, PULUMI_HOME: home },
  });
  const schema = JSON.parse(shown.stdout) as { version: string; resources: Record<string, unknown> };
  expect(schema.version).toBe(packageVersion());
  expect(schema).toEqual(JSON.parse(readFileSync(path.join(repoRoot, "schema.json"), "utf8")));
});

it("says it needs the pulumi CLI, and builds nothing, when pulumi is not on PATH", () => {
  const installed = spawnSync(process.execPath, ["bin/scrums-iac", "pulumi", "install"], {
    cwd: repoRoot,
    env: { ...toolsEnv(), PATH: path.dirname(process.execPath) },
    encoding: "utf8",
  });
  expect(installed.stderr).toBe(
    'scrums-iac pulumi: installing the plugin needs the pulumi CLI on PATH (in a checkout, eval "$(scripts/tools-env)" puts the one scripts/setup provides there)\n',
  );
  expect(installed.status).toBe(1);
});
