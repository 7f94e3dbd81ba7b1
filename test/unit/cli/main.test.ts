/** `scrums-iac` itself, as the README and its usage text describe it: the version, the usage, exit codes. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { packageVersion } from "../../../cli/package";

const bin = path.resolve(__dirname, "../../../bin/scrums-iac");
const scrumsIac = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

test("--version prints the version package.json sets", () => {
  const shown = scrumsIac("--version");
  expect(shown.stdout).toBe(`${packageVersion()}\n`);
  expect(shown.status).toBe(0);
});

test("--help prints the usage and exits 0; no command prints it and exits 2", () => {
  const help = scrumsIac("--help");
  expect(help.stdout).toMatch(/^Usage: scrums-iac <command>/);
  expect(help.status).toBe(0);
  const bare = scrumsIac();
  expect(bare.stdout).toBe(help.stdout);
  expect(bare.status).toBe(2);
});

test("an unknown command is named on stderr with the usage, exit 2", () => {
  const unknown = scrumsIac("deploy");
  expect(unknown.stderr).toMatch(/^scrums-iac: unknown command "deploy"\n\nUsage: scrums-iac <command>/);
  expect(unknown.status).toBe(2);
});
