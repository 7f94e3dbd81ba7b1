/**
 * Installs the provider where Terraform and OpenTofu find it offline: an unpacked filesystem mirror
 * holding a launcher that runs the compiled provider with this Node.js.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Where `scrums/scrums` resolves: Terraform's registry host and OpenTofu's. */
export const PROVIDER_ADDRESSES = ["registry.terraform.io/scrums/scrums", "registry.opentofu.org/scrums/scrums"];

const ARCHITECTURES: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };

export const platform = () => `${process.platform}_${ARCHITECTURES[process.arch] ?? process.arch}`;

export interface Installation {
  mirror: string;
  version: string;
  launchers: string[];
}

const shellQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Writes the mirror for `version` under `mirror`; `entry` is the compiled provider's main module. */
export function installMirror(mirror: string, version: string, entry: string, node = process.execPath): Installation {
  if (!existsSync(entry)) throw new Error(`the compiled provider is missing (${entry}): run \`npm run build\` first`);
  const root = resolve(mirror);
  const launchers = PROVIDER_ADDRESSES.map((address) => {
    const directory = join(root, address, version, platform());
    mkdirSync(directory, { recursive: true });
    const launcher = join(directory, `terraform-provider-scrums_v${version}`);
    writeFileSync(launcher, `#!/bin/sh\nexec ${shellQuoted(node)} ${shellQuoted(resolve(entry))} "$@"\n`);
    chmodSync(launcher, 0o755);
    return launcher;
  });
  return { mirror: root, version, launchers };
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
