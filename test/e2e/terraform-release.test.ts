/**
 * The provider as users get it: the release's standalone executable, installed by `scrums-iac
 * terraform install` as a packed mirror (the e2e global setup does it), run by `terraform` and
 * `tofu` with no `node` on PATH; the lock file it gives holds in any other directory; and the same
 * commit builds the same bytes.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageVersion } from "../../cli/package";
import { unique } from "../support/emulator-client";
import { useEmulator } from "../support/emulator-fixtures";
import { hostRelease } from "../support/release";
import { TerraformWorkdir } from "../support/terraform-workdir";
import { repoRoot, terraformClients, toolsEnv } from "../support/tools";

const ctx = useEmulator();
const made: TerraformWorkdir[] = [];
const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-release-"));
afterAll(() => {
  made.forEach((tf) => tf.remove());
  rmSync(scratch, { recursive: true, force: true });
});

/** A PATH holding only the Terraform clients: no node, no npm, nothing of this repository. */
function clientsOnlyPath(): string {
  const bin = mkdtempSync(path.join(scratch, "clients-"));
  for (const client of terraformClients()) {
    const found = spawnSync("sh", ["-c", `command -v ${client}`], { env: toolsEnv(), encoding: "utf8" }).stdout.trim();
    symlinkSync(found, path.join(bin, client));
  }
  return bin;
}

const LOCK = ".terraform.lock.hcl";
const LOCK_TROUBLE = /doesn't match any of the checksums|Incomplete lock file information/;

it.each(terraformClients())(
  "%s inits from the packed mirror with no node on PATH, applies the quickstart, plans no changes, and the lock inits unchanged elsewhere",
  async (client) => {
    const env = { PATH: clientsOnlyPath() };
    expect(spawnSync("node", ["-e", "0"], { env }).error).toMatchObject({ code: "ENOENT" });
    await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
    const api = { url: ctx.env.emulator.url, token: ctx.env.emulator.token };
    const quickstart = path.join(repoRoot, "examples/terraform/quickstart");
    const first = new TerraformWorkdir(api, undefined, env, client);
    made.push(first);
    first.copy(quickstart);
    const slug = unique("release");
    const vars = ["-var", `slug=${slug}`, "-var", `domain=${slug}.example`];

    const init = await first.terraform(["init", "-input=false"]);
    expect(init.stdout).toContain(`Installed scrums/scrums v${packageVersion()}`);
    const lock = readFileSync(path.join(first.dir, LOCK), "utf8");
    expect(lock).toMatch(/"h1:[A-Za-z0-9+/=]+"/);
    expect((await first.apply(...vars)).stdout).toMatch(/Resources: 11 added, 0 changed, 0 destroyed/);
    expect((await first.plan(...vars)).code).toBe(0);

    const second = new TerraformWorkdir(api, undefined, env, client);
    made.push(second);
    second.copy(quickstart);
    copyFileSync(path.join(first.dir, LOCK), path.join(second.dir, LOCK));
    const again = await second.terraform(["init", "-input=false"]);
    expect(`${again.stdout}\n${again.stderr}`).not.toMatch(LOCK_TROUBLE);
    expect(readFileSync(path.join(second.dir, LOCK), "utf8")).toBe(lock);

    const destroy = await first.terraform(["destroy", "-auto-approve", "-input=false", ...vars]);
    expect(destroy.stdout).toMatch(/Destroy complete! Resources: 11 destroyed/);
  },
);

it("builds the same bytes again from the same commit", async () => {
  const built = await hostRelease();
  // Into a directory of the scratch one: the build writes its stamp beside the directory it builds into.
  const rebuilt = await hostRelease({ out: path.join(scratch, "rebuilt"), force: true });
  const names = rebuilt.map((file) => path.basename(file));
  const digests = (files: string[]) =>
    Object.fromEntries(
      files
        .filter((file) => names.includes(path.basename(file)))
        .map((file) => [path.basename(file), createHash("sha256").update(readFileSync(file)).digest("hex")]),
    );
  expect(digests(rebuilt)).toEqual(digests(built));
});
