/** What a release ships: each executable, the entry it is bundled from, and the archive it is packed in per platform. */
import path from "node:path";
import { PROTOCOL_DIRECTORY, PROTOCOL_FILES } from "../../provider/terraform/plugin/serve";
import type { NodePlatform } from "./node-binaries";
import { tarGzArchive } from "./tar";
import { type ArchiveFile, zipArchive } from "./zip";

const ROOT = path.resolve(__dirname, "../..");

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

const PROTOCOL = PROTOCOL_FILES.map((file) => path.join(PROTOCOL_DIRECTORY, file));

/** The protocol's descriptors, as JSON, parsed by the protobufjs that @grpc/proto-loader itself uses. */
function terraformProtocol(): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const protobuf = require(require.resolve("protobufjs", { paths: [require.resolve("@grpc/proto-loader")] })) as {
    Root: new () => {
      loadSync(files: string[], options: { keepCase: boolean }): { toJSON(): Record<string, unknown> };
    };
  };
  return new protobuf.Root().loadSync(PROTOCOL, { keepCase: true }).toJSON();
}

/** The Terraform provider, as the registry lays it out: `terraform-provider-scrums_<version>_<os>_<arch>.zip`. */
export const TERRAFORM_PROVIDER: Product = {
  name: (version) => `terraform-provider-scrums_v${version}`,
  entry: "provider/terraform/plugin/main.ts",
  define: () => ({ SCRUMS_EMBEDDED_PROTOCOL: terraformProtocol() }),
  embeds: PROTOCOL.map((file) => path.relative(ROOT, file)),
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
