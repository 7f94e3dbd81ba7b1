/**
 * `pulumi-resource-scrums`, the native Pulumi provider plugin. Pulumi starts it with the engine's
 * address as its argument and reads the port of its gRPC server from the first line of stdout. It
 * stops once the engine has gone (or the process that started it), so that nothing is applied for
 * a run no one is waiting for.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { stopWhenOrphaned } from "../../lifeline";
import { engineAddress } from "../resource-log";
import { ScrumsResourceProvider, serve } from "./server";

/** schema.json, at the root of the package, found upwards from this file in a source tree and in `dist/` alike. */
function packageSchema(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      return readFileSync(path.join(dir, "schema.json"), "utf8");
    } catch {
      continue;
    }
  }
  throw new Error(`pulumi-resource-scrums: no schema.json above ${__dirname}`);
}

/** schema.json's text, which the standalone plugin's bundle defines (no file is beside it). */
declare const SCRUMS_EMBEDDED_SCHEMA: string | undefined;

async function start(): Promise<void> {
  const schema = typeof SCRUMS_EMBEDDED_SCHEMA === "undefined" ? packageSchema() : SCRUMS_EMBEDDED_SCHEMA;
  const { version } = JSON.parse(schema) as { version: string };
  const stop = stopWhenOrphaned("pulumi-resource-scrums", engineAddress());
  const provider = new ScrumsResourceProvider({ schema, version, stop });
  const { port } = await serve(provider);
  process.stdout.write(`${port}\n`);
}

export function main(): void {
  start().catch((error: unknown) => {
    process.stderr.write(`pulumi-resource-scrums: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

if (require.main === module) main();
