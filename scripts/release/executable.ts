/**
 * Standalone executables: an entry bundled into one script with esbuild, then made a Node single
 * executable application (SEA) by injecting that script into npm's Node binary for each platform.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { hostPlatform, nodeBinary, type NodePlatform } from "./node-binaries";

const ROOT = path.resolve(__dirname, "../..");
/** The fuse Node's SEA support looks for (the same in every Node release that has SEA). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

export interface Bundle {
  script: string;
  /** The repository files the script was made from, for the release's build cache. */
  inputs: string[];
}

/** `entry` and everything it imports, in one CommonJS script; `define` names the values the bundle embeds. */
export async function bundle(entry: string, define: Record<string, unknown> = {}): Promise<Bundle> {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    legalComments: "none",
    write: false,
    metafile: true,
    logLevel: "warning",
    define: Object.fromEntries(Object.entries(define).map(([name, value]) => [name, JSON.stringify(value)])),
  });
  return { script: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs).sort() };
}

/**
 * Writes the executable running `script` for `platform` to `output`. V8's code cache is made only
 * where the target is this machine's own platform (Node can only make it for the platform it runs on).
 */
export function seaExecutable(script: string, platform: NodePlatform, output: string): void {
  const host = hostPlatform();
  const work = mkdtempSync(path.join(os.tmpdir(), "scrums-sea-"));
  try {
    // Paths relative to the work directory: the blob records the main script's path.
    writeFileSync(path.join(work, "main.js"), script);
    const codeCache = platform === host;
    const config = {
      main: "main.js",
      output: "main.blob",
      disableExperimentalSEAWarning: true,
      useCodeCache: codeCache,
    };
    writeFileSync(path.join(work, "sea-config.json"), JSON.stringify(config));
    // The blob is made by the very Node the host's executable is made from, so its code cache matches;
    // --predictable makes V8's code cache the same bytes on every build (and the executable still accepts it).
    const maker = host ? nodeBinary(host) : process.execPath;
    const flags = codeCache ? ["--predictable"] : [];
    execFileSync(maker, [...flags, "--experimental-sea-config", "sea-config.json"], { cwd: work, stdio: "pipe" });
    copyFileSync(nodeBinary(platform), output);
    chmodSync(output, 0o755);
    // postject in a child process: its ELF library prints harmless warnings, shown only if it fails.
    const macho = platform.startsWith("darwin") ? ["--macho-segment-name", "NODE_SEA"] : [];
    execFileSync(
      process.execPath,
      [
        require.resolve("postject/dist/cli.js"),
        output,
        "NODE_SEA_BLOB",
        "main.blob",
        "--sentinel-fuse",
        SEA_FUSE,
        ...macho,
      ],
      { cwd: work, stdio: "pipe" },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
