/* eslint-disable @typescript-eslint/no-require-imports -- the provider loads the runtime where Pulumi runs it */
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

const providers = new Map<KindName, pulumi.dynamic.ResourceProvider>();

/**
 * The provider Pulumi serializes into state with each resource: one object per kind, because
 * Pulumi serializes each provider object once and reuses the text. It captures the kind and where
 * the runtime is, and every method is a one-line call into the runtime, so the text stays small:
 * state carries it twice per resource, and Pulumi rewrites state after every step.
 */
export function dynamicProvider(kind: KindName): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(kind);
  if (!provider) {
    const runtime = { ...RUNTIME, kind };
    const call = (method: string, args: unknown[]) => {
      let loaded;
      try {
        loaded = require(runtime.specifier);
      } catch (error) {
        if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
        if (runtime.file.endsWith(".ts")) require(require.resolve("ts-node", { paths: [runtime.file] })).register({ transpileOnly: true });
        loaded = require(runtime.file);
      }
      return loaded[method](runtime.kind, ...args);
    };
    provider = {
      configure: async (request) => call("configure", [request.config]),
      check: async (...args) => call("check", args),
      diff: async (...args) => call("diff", args),
      create: async (...args) => call("create", args),
      read: async (...args) => call("read", args),
      update: async (...args) => call("update", args),
      delete: async (...args) => call("remove", args),
    };
    providers.set(kind, provider);
  }
  return provider;
}
