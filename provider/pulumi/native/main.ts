/**
 * `pulumi-resource-scrums`, the native Pulumi provider plugin. Pulumi starts it with the engine's
 * address as its argument and reads the port of its gRPC server from the first line of stdout. It
 * stops once the engine has gone (or the process that started it), so that nothing is applied for
 * a run no one is waiting for.
 */
import schemaJson from "../../../schema.json";
import { stopWhenOrphaned } from "../../lifeline";
import { engineAddress } from "../resource-log";
import { ScrumsResourceProvider, serve } from "./server";

/** schema.json as checked in (`npm run generate` writes it so), part of the build and of any bundle. */
export const SCHEMA = `${JSON.stringify(schemaJson, null, 2)}\n`;

async function start(): Promise<void> {
  const stop = stopWhenOrphaned("pulumi-resource-scrums", engineAddress());
  const provider = new ScrumsResourceProvider({ schema: SCHEMA, version: schemaJson.version, stop });
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
