/**
 * The README's first command, `npm run demo` as written under "Quick start", run by bash in a fresh
 * environment (a new HOME and temporary directory, the machine's own PATH, the tool cache): it serves
 * its own emulator, applies the quickstart with a real `pulumi up`, previews no changes, draws the
 * organization from the API and removes everything it made.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readmeShellBlock } from "../support/readme";
import { repoRoot, toolsEnv } from "../support/tools";

/** The line of the Quick start block that starts with `npm run demo`, without its comment. */
function demoCommand(): string {
  const line = readmeShellBlock("Quick start")
    .split("\n")
    .find((text) => text.startsWith("npm run demo"));
  if (!line) throw new Error("README.md's Quick start has no `npm run demo` line");
  return line.replace(/#.*/, "").trim();
}

it("npm run demo applies the quickstart, previews no changes, draws the organization and removes what it made", () => {
  const home = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-demo-"));
  const tmp = path.join(home, "tmp");
  mkdirSync(tmp);
  try {
    const env = {
      HOME: home,
      TMPDIR: tmp,
      PATH: "/usr/local/bin:/usr/bin:/bin",
      SCRUMS_IAC_TOOLS: toolsEnv().SCRUMS_IAC_TOOLS!,
    };
    const demo = spawnSync("bash", ["-e", "-c", demoCommand()], { cwd: repoRoot, env, encoding: "utf8" });
    const output = demo.stdout + demo.stderr;
    if (demo.status !== 0) throw new Error(`npm run demo failed (${demo.status}):\n${output}`);

    const [up, preview, drawn, destroy] = ["pulumi up", "pulumi preview", "the organization", "pulumi destroy"].map(
      (heading) => output.indexOf(`\n== ${heading}`),
    );
    expect(0 < up! && up! < preview! && preview! < drawn! && drawn! < destroy!).toBe(true);
    expect(output.slice(up, preview)).toMatch(/\+ 12 created/);
    expect(output.slice(preview, drawn)).toMatch(/12 unchanged/);
    const tree = output.slice(drawn, destroy);
    expect(tree).toMatch(/organization apex-digital \(ORG-\d{2}-\d{6}\) "Apex Digital" active/);
    expect(tree).toMatch(/domain apexdigital\.example: verified, sso=saml, jit=true, scim=true/);
    expect(tree).toMatch(/"webhook_secret":"\*{8}"/);
    expect(output).not.toContain("quickstart-webhook-secret");
    expect(output.slice(destroy)).toMatch(/- 12 deleted/);
    expect(readdirSync(tmp).filter((name) => name.startsWith("scrums-demo-"))).toEqual([]);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
