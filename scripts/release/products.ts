/** What a release ships: each executable, the entry it is bundled from, and the archive it is packed in per platform. */
import { PROTOCOL_FILES, terraformProtocol } from "../build/terraform-protocol";
import type { NodePlatform } from "./node-binaries";
import { tarGzArchive } from "./tar";
import { type ArchiveFile, zipArchive } from "./zip";

export interface Product {
  /** The executable's name, without `.exe`. */
  name: (version: string) => string;
  /** The module the executable runs, from the repository's root. */
  entry: string;
  /** Values the bundle embeds (see `bundle`), and the files they are read from. */
  define?: () => Record<string, unknown>;
  embeds?: string[];
  /** The archive's file name for `platform`. */
  archiveName: (version: string, platform: NodePlatform) => string;
  pack: (files: ArchiveFile[]) => Buffer;
}

/** Terraform's `<os>_<arch>` (Go's names) for each platform. */
export const TERRAFORM_TARGETS: Record<NodePlatform, string> = {
  "linux-x64": "linux_amd64",
  "linux-arm64": "linux_arm64",
  "darwin-x64": "darwin_amd64",
  "darwin-arm64": "darwin_arm64",
  "win-x64": "windows_amd64",
};

/** The Terraform provider, as the registry lays it out: `terraform-provider-scrums_<version>_<os>_<arch>.zip`. */
export const TERRAFORM_PROVIDER: Product = {
  name: (version) => `terraform-provider-scrums_v${version}`,
  entry: "provider/terraform/plugin/main.ts",
  define: () => ({ SCRUMS_EMBEDDED_PROTOCOL: terraformProtocol() }),
  embeds: PROTOCOL_FILES,
  archiveName: (version, platform) => `terraform-provider-scrums_${version}_${TERRAFORM_TARGETS[platform]}.zip`,
  pack: zipArchive,
};

/** The Pulumi resource plugin, named as `pulumi plugin install` and plugin download URLs expect (`linux-amd64`). */
export const PULUMI_PLUGIN: Product = {
  name: () => "pulumi-resource-scrums",
  entry: "provider/pulumi/native/main.ts",
  archiveName: (version, platform) =>
    `pulumi-resource-scrums-v${version}-${TERRAFORM_TARGETS[platform].replace("_", "-")}.tar.gz`,
  pack: tarGzArchive,
};

export const PRODUCTS = [TERRAFORM_PROVIDER, PULUMI_PLUGIN];
