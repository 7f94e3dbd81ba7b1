import path from "node:path";
import type { KindName } from "../model/resources";

/** The input under which Pulumi's dynamic-provider host finds a resource's provider code. */
export const PROVIDER_KEY = "__provider";

/**
 * The input and output holding the resource's URN: Pulumi's dynamic-provider host passes each call
 * the properties alone. The provider files its warnings under it (see ./resource-log), and the
 * engine keys each create by it (see CreateKeys). Never compared.
 */
export const URN_KEY = "__urn";

/**
 * How the dynamic-provider process loads the runtime this program loaded: by package name when
 * scrums-iac is an installed package, so that state stays valid on another machine; else by path
 * (this repository's own programs), through ts-node when that path is a TypeScript source.
 */
function runtimeLoader(): string {
  if (__dirname.split(path.sep).includes("node_modules")) return 'require("scrums-iac/pulumi/runtime")';
  const file = JSON.stringify(path.join(__dirname, `runtime${path.extname(__filename)}`));
  if (!file.endsWith('.ts"')) return `require(${file})`;
  const tsNode = `require(require.resolve("ts-node", { paths: [${file}] }))`;
  return `(require.extensions[".ts"] || ${tsNode}.register({ transpileOnly: true }), require(${file}))`;
}

/**
 * The provider code of a kind, as the module text Pulumi's dynamic-provider host loads: its
 * `handler()` returns the provider object. Written here rather than serialized from a closure by
 * `pulumi.dynamic.Resource`: state carries this text twice per resource (inputs and outputs) and
 * Pulumi rewrites the whole state after every step, so its length is paid for quadratically in the
 * size of the stack; a closure's serialization is some thirty times longer.
 */
export function providerSource(kind: KindName): string {
  return `exports.handler = () => ${runtimeLoader()}.provider(${JSON.stringify(kind)});`;
}
