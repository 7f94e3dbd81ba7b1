/**
 * The README's demo: serves the emulator on a free port, runs a real `pulumi up` of the quickstart
 * stack (the root Pulumi.yaml) against it, prints the organization as the API now holds it, then
 * destroys the stack and removes everything it made. Run through `npm run demo`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { start } from "../../emulator";
import { ScrumsClient } from "../../provider/client/client";
import { drawOrganization } from "./org-tree";

const repoRoot = path.resolve(__dirname, "../..");
const STACK = "demo";

function pulumi(args: string[], env: NodeJS.ProcessEnv, capture = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--stack", STACK, "--non-interactive"], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`pulumi ${args.join(" ")} exited ${code}`)),
    );
  });
}

const heading = (text: string) => process.stdout.write(`\n== ${text}\n\n`);

async function main() {
  const backend = mkdtempSync(path.join(os.tmpdir(), "scrums-demo-backend-"));
  const emulator = await start();
  // The emulator stands in for DNS: a claimed domain counts as published, so SSO can be set up in one apply.
  await fetch(`${emulator.url}/_emulator/settings`, {
    method: "PUT",
    headers: { authorization: `Bearer ${emulator.controlToken}`, "content-type": "application/json" },
    body: JSON.stringify({ auto_verify_domains: true }),
  });
  const env = {
    SCRUMS_API_URL: emulator.url,
    SCRUMS_API_TOKEN: emulator.token,
    PULUMI_BACKEND_URL: `file://${backend}`,
  };
  const client = new ScrumsClient({ apiUrl: emulator.url, token: emulator.token });
  let stackCreated = false;
  try {
    heading(`emulator serving the platform API at ${emulator.url}`);
    await pulumi(["stack", "init"], env);
    stackCreated = true;
    heading("pulumi up: the quickstart stack");
    await pulumi(["up", "--yes"], env);
    heading("pulumi preview: nothing left to change");
    await pulumi(["preview", "--expect-no-changes"], env);
    const orgId = (await pulumi(["stack", "output", "organizationId"], env, true)).trim();
    heading("the organization, read back from the API");
    process.stdout.write(`${await drawOrganization(client, orgId)}\n`);
  } finally {
    if (stackCreated) {
      heading("pulumi destroy: cleaning up");
      await pulumi(["destroy", "--yes", "--skip-preview"], env).catch((error: Error) =>
        process.stderr.write(`${error.message}\n`),
      );
      await pulumi(["stack", "rm", "--yes"], env).catch(() => {});
    }
    await client.close();
    await emulator.close();
    rmSync(backend, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
