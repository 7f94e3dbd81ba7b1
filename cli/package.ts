/** This package on disk: its root and its version (package.json is the one place the version is written). */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The package's root: this module is in cli/, or in dist/cli/ once compiled. */
export const PACKAGE_ROOT = path.join(__dirname, __filename.endsWith(".js") ? "../.." : "..");

export const packageVersion = () =>
  (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The release directory `npm run release` writes (registry zips, plugin tarballs). */
export const RELEASE_DIR = path.join(PACKAGE_ROOT, "dist/release");

const RELEASE_BUILD = path.join(PACKAGE_ROOT, "scripts/release/main.ts");

/**
 * The platforms a release has executables for, as npm's `node-<platform>` packages name them: npm has
 * no Node 22 for macOS on arm64, and macOS binaries would need signing again once injected.
 */
export const RELEASE_PLATFORMS = ["linux-x64", "linux-arm64", "win-x64"] as const;

/** npm's name of this machine's platform (`linux-x64`), as the release build takes it. */
const hostPlatform = () => `${process.platform === "win32" ? "win" : process.platform}-${process.arch}`;

/**
 * The release's files whose names pass `wanted`. In a checkout on a platform the release covers, it
 * is built for this machine first (or found up to date); an installed package has only what it shipped.
 */
export function releaseFiles(wanted: (name: string) => boolean): string[] {
  if (existsSync(RELEASE_BUILD) && (RELEASE_PLATFORMS as readonly string[]).includes(hostPlatform())) {
    process.stderr.write(`Building the release for ${hostPlatform()} (npm run release) unless it is up to date…\n`);
    execFileSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", RELEASE_BUILD, "--platform", hostPlatform()],
      {
        cwd: PACKAGE_ROOT,
        stdio: ["ignore", process.stderr, process.stderr],
      },
    );
  }
  return existsSync(RELEASE_DIR)
    ? readdirSync(RELEASE_DIR)
        .filter(wanted)
        .map((name) => path.join(RELEASE_DIR, name))
    : [];
}
