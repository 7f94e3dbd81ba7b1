/**
 * Installs the provider where Terraform and OpenTofu find it offline. From a release (`npm run
 * release`): a packed filesystem mirror of its zips, so the lock file's hashes are those of the
 * release and hold in every checkout and on every machine. Without one (an installed npm package):
 * an unpacked mirror holding a launcher that runs the compiled provider with this Node.js.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

/** Where `scrums/scrums` resolves: Terraform's registry host and OpenTofu's. */
export const PROVIDER_ADDRESSES = ["registry.terraform.io/scrums/scrums", "registry.opentofu.org/scrums/scrums"];

const ARCHITECTURES: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };

export const platform = () => `${process.platform}_${ARCHITECTURES[process.arch] ?? process.arch}`;

export interface Installation {
  mirror: string;
  version: string;
  /** The files written: the zips of a packed mirror, or the launchers of an unpacked one. */
  files: string[];
}

/**
 * Copies the release's zips (`terraform-provider-scrums_<version>_<os>_<arch>.zip`) into a packed
 * mirror under `mirror`, replacing an unpacked installation of the same version.
 */
export function installPackedMirror(mirror: string, version: string, zips: string[]): Installation {
  const root = resolve(mirror);
  const files = PROVIDER_ADDRESSES.flatMap((address) => {
    const directory = join(root, address);
    rmSync(join(directory, version), { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    return zips.map((zip) => {
      const target = join(directory, basename(zip));
      // Whole or not at all: a Terraform reading the mirror meanwhile never sees half a zip.
      copyFileSync(zip, `${target}.partial`);
      renameSync(`${target}.partial`, target);
      return target;
    });
  });
  return { mirror: root, version, files };
}

const shellQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Writes an unpacked mirror for `version` whose launcher runs `entry` (the compiled provider) with `node`. */
export function installLauncher(mirror: string, version: string, entry: string, node = process.execPath): Installation {
  if (!existsSync(entry)) throw new Error(`the compiled provider is missing (${entry}): run \`npm run build\` first`);
  const root = resolve(mirror);
  const files = PROVIDER_ADDRESSES.map((address) => {
    const directory = join(root, address, version, platform());
    mkdirSync(directory, { recursive: true });
    const launcher = join(directory, `terraform-provider-scrums_v${version}`);
    writeFileSync(launcher, `#!/bin/sh\nexec ${shellQuoted(node)} ${shellQuoted(resolve(entry))} "$@"\n`);
    chmodSync(launcher, 0o755);
    return launcher;
  });
  return { mirror: root, version, files };
}

/** The CLI configuration block that makes Terraform take `scrums/scrums` from the mirror and everything else as before. */
export function providerInstallationBlock(mirror: string): string {
  const addresses = PROVIDER_ADDRESSES.map((address) => `"${address}"`).join(", ");
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = "${mirror}"`,
    `    include = [${addresses}]`,
    "  }",
    "  direct {",
    `    exclude = [${addresses}]`,
    "  }",
    "}",
    "",
  ].join("\n");
}
