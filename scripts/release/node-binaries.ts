/**
 * The Node.js binaries a standalone executable is made from: npm's per-platform `node-<os>-<arch>`
 * packages at the Node version the setup provisions, fetched once with `npm pack` into the tool cache.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** The platforms a release is built for, as npm's Node packages name them. */
export type NodePlatform = "linux-x64" | "linux-arm64" | "darwin-x64" | "darwin-arm64" | "win-x64";

/** The Node version `scripts/setup` provisions, read from where the setup declares it. */
export const NODE_VERSION = /^NODE_VERSION=(\S+)$/m.exec(
  readFileSync(path.join(ROOT, "scripts/lib/common.sh"), "utf8"),
)![1]!;

const toolCache = () => process.env.SCRUMS_IAC_TOOLS ?? path.join(os.homedir(), ".cache/scrums-iac/tools");

/** The platform this process runs on, if npm has a Node package for it. */
export function hostPlatform(): NodePlatform | undefined {
  const name = `${process.platform === "win32" ? "win" : process.platform}-${process.arch}`;
  return (["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win-x64"] as const).find((p) => p === name);
}

/** The path of the `node` binary for `platform`, fetched from the npm registry the first time. */
export function nodeBinary(platform: NodePlatform): string {
  const home = path.join(toolCache(), "node-binaries", `node-${platform}-v${NODE_VERSION}`);
  const binary = path.join(home, "bin", platform.startsWith("win") ? "node.exe" : "node");
  if (existsSync(binary)) return binary;
  mkdirSync(path.dirname(home), { recursive: true });
  const work = mkdtempSync(`${home}.partial-`);
  try {
    execFileSync("npm", ["pack", "--silent", `node-${platform}@${NODE_VERSION}`], { cwd: work, stdio: "ignore" });
    const tarball = readdirSync(work).find((file) => file.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack node-${platform}@${NODE_VERSION} gave no tarball`);
    mkdirSync(path.join(work, "package"));
    execFileSync("tar", ["-xzf", tarball, "-C", "package", "--strip-components=1"], { cwd: work });
    renameSync(path.join(work, "package"), home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(binary)) throw new Error(`node-${platform}@${NODE_VERSION} has no ${path.relative(home, binary)}`);
  return binary;
}
