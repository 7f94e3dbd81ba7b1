/**
 * The Terraform plugin protocol's JSON descriptor, parsed from its .proto files by the protobufjs that
 * @grpc/proto-loader itself uses: `npm run build` writes it beside the compiled provider, and the
 * release embeds it in the standalone executable, so no provider parses .proto text as it starts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ProtocolDescriptor } from "../../provider/terraform/plugin/codec";

const ROOT = path.resolve(__dirname, "../..");

/** The .proto files, from the repository's root. */
export const PROTOCOL_FILES = ["tfplugin6.proto", "go-plugin.proto", "health.proto"].map((file) =>
  path.join("provider/terraform/protocol", file),
);

export function terraformProtocol(): ProtocolDescriptor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const protobuf = require(require.resolve("protobufjs", { paths: [require.resolve("@grpc/proto-loader")] })) as {
    Root: new () => {
      loadSync(files: string[], options: { keepCase: boolean }): { toJSON(): ProtocolDescriptor };
    };
  };
  const files = PROTOCOL_FILES.map((file) => path.join(ROOT, file));
  return new protobuf.Root().loadSync(files, { keepCase: true }).toJSON();
}

if (require.main === module) {
  const out = path.join(ROOT, "dist/provider/terraform/protocol");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "protocol.json"), JSON.stringify(terraformProtocol()));
}
