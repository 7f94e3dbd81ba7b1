/**
 * `npm run release [-- --platform linux-x64 …] [--out <dir>] [--force]`: builds the release into
 * dist/release (see build.ts) and prints its files with their sizes.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildRelease } from "./build";
import type { NodePlatform } from "./node-binaries";

async function main() {
  const { values } = parseArgs({
    options: {
      platform: { type: "string", multiple: true },
      out: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  const files = await buildRelease({
    out: values.out,
    platforms: values.platform as NodePlatform[] | undefined,
    force: values.force,
  });
  for (const file of files) {
    console.log(`${(statSync(file).size / 1e6).toFixed(1).padStart(7)} MB  ${path.relative(process.cwd(), file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(`release: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
