/**
 * The release, as registries lay it out, in one directory: per platform the Terraform provider's zip
 * and the Pulumi plugin's tarball, `terraform-provider-scrums_<version>_SHA256SUMS` and
 * `terraform-provider-scrums_<version>_manifest.json`. The same commit gives the same bytes. A build
 * is skipped when the last one in that directory was made from the same inputs.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packageVersion, RELEASE_DIR, RELEASE_PLATFORMS } from "../../cli/package";
import { bundle, seaExecutable } from "./executable";
import { NODE_VERSION, type NodePlatform } from "./node-binaries";
import { PRODUCTS } from "./products";

const ROOT = path.resolve(__dirname, "../..");

export interface ReleaseOptions {
  out?: string;
  platforms?: NodePlatform[];
  /** Build even when the inputs are those of the last build. */
  force?: boolean;
}

interface Stamp {
  settings: string;
  platforms: NodePlatform[];
  inputs: Record<string, string>;
  outputs: string[];
}

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const digest = (file: string) => (existsSync(file) ? sha256(readFileSync(path.join(ROOT, file))) : "missing");
/** Files that shape a release besides the bundles' own inputs. */
const BUILD_FILES = [
  "package.json",
  "package-lock.json",
  "scripts/lib/common.sh",
  "scripts/build/terraform-protocol.ts",
  ...["build", "executable", "node-binaries", "products", "tar", "zip"].map((name) => `scripts/release/${name}.ts`),
];

const stampFile = (out: string) => `${out}.stamp.json`;

/** The last build's stamp in `out`, when it was made from these inputs for at least these platforms. */
function upToDate(out: string, settings: string, platforms: NodePlatform[]): Stamp | undefined {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile(out), "utf8")) as Stamp;
  } catch {
    return undefined; // none yet, or a build that stopped while writing it
  }
  const fresh =
    stamp.settings === settings &&
    platforms.every((platform) => stamp.platforms.includes(platform)) &&
    Object.entries(stamp.inputs).every(([file, hash]) => digest(file) === hash) &&
    stamp.outputs.every((name) => existsSync(path.join(out, name)));
  return fresh ? stamp : undefined;
}

/** The Terraform registry's manifest: the provider speaks plugin protocol 6. */
const MANIFEST = `${JSON.stringify({ version: 1, metadata: { protocol_versions: ["6.0"] } }, null, 2)}\n`;

/** Builds the release into `out` (default dist/release) and returns the paths of its files. */
export async function buildRelease(options: ReleaseOptions = {}): Promise<string[]> {
  const out = path.resolve(options.out ?? RELEASE_DIR);
  const platforms = options.platforms ?? [...RELEASE_PLATFORMS];
  const version = packageVersion();
  const settings = JSON.stringify({ version, node: NODE_VERSION, products: PRODUCTS.map((p) => p.entry) });
  const prefix = `terraform-provider-scrums_${version}`;
  const last = options.force ? undefined : upToDate(out, settings, platforms);
  if (last) return last.outputs.map((name) => path.join(out, name));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const archives: Array<{ name: string; data: Buffer }> = [];
  // Digested as the bundles are made, so an edit during the build makes the next one build again.
  const inputs: Record<string, string> = Object.fromEntries(BUILD_FILES.map((file) => [file, digest(file)]));
  for (const product of PRODUCTS) {
    const { script, inputs: bundled } = await bundle(product.entry, product.define?.());
    for (const file of [...bundled, ...(product.embeds ?? [])]) inputs[file] ??= digest(file);
    for (const platform of platforms) {
      const executable = path.join(out, `.${platform}-${product.name(version)}`);
      seaExecutable(script, platform, executable);
      const name = `${product.name(version)}${platform.startsWith("win") ? ".exe" : ""}`;
      archives.push({
        name: product.archiveName(version, platform),
        data: product.pack([{ name, data: readFileSync(executable), mode: 0o755 }]),
      });
      rmSync(executable);
    }
  }
  const files = [...archives, { name: `${prefix}_manifest.json`, data: Buffer.from(MANIFEST) }];
  const sums = files
    .filter(({ name }) => name.startsWith(prefix))
    .map(({ name, data }) => `${sha256(data)}  ${name}\n`)
    .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1))
    .join("");
  files.push({ name: `${prefix}_SHA256SUMS`, data: Buffer.from(sums) });
  for (const { name, data } of files) writeFileSync(path.join(out, name), data);
  const stamp: Stamp = {
    settings,
    platforms,
    inputs: Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : 1))),
    outputs: files.map(({ name }) => name).sort(),
  };
  writeFileSync(stampFile(out), `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp.outputs.map((name) => path.join(out, name));
}
