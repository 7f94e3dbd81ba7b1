import path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type { KindName } from "../model/resources";

/**
 * Where the dynamic-provider process finds the runtime: by package name when scrums-iac is
 * installed in the program's node_modules, else by path (this repository's own programs).
 */
const RUNTIME = {
  specifier: "scrums-iac/pulumi/runtime",
  file: path.join(__dirname, `runtime${path.extname(__filename)}`),
};

/**
 * The provider Pulumi serializes into state with each resource. It captures two strings and
 * loads everything else inside the provider process, so serialization stays small and clean.
 */
export function dynamicProvider(kind: KindName): pulumi.dynamic.ResourceProvider {
  const runtime = RUNTIME;
  const load = () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    try {
      return require(runtime.specifier);
    } catch (error) {
      if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
    }
    if (runtime.file.endsWith(".ts")) {
      require(require.resolve("ts-node", { paths: [runtime.file] })).register({ transpileOnly: true });
    }
    return require(runtime.file);
    /* eslint-enable @typescript-eslint/no-require-imports */
  };
  return {
    configure: async (request) => load().configure(request.config),
    check: async (olds, news) => load().check(kind, olds, news),
    diff: async (id, olds, news) => load().diff(kind, id, olds, news),
    create: (inputs) => load().create(kind, inputs),
    read: (id, props) => load().read(kind, id, props),
    update: (id, olds, news) => load().update(kind, id, olds, news),
    delete: (id, props) => load().remove(kind, id, props),
  };
}
