/**
 * The provider code each Pulumi resource carries in its state: it must load this repository's
 * runtime and hand Pulumi the provider of its own kind, and stay short, since state holds it twice
 * per resource and Pulumi rewrites the whole state after every step.
 */
import path from "node:path";
import { KINDS, type KindName } from "../../../provider/model/resources";
import { providerSource } from "../../../provider/pulumi/provider";

const RUNTIME = path.join(__dirname, "../../../provider/pulumi/runtime.ts");

/** Runs the text as the dynamic-provider host does (a module exporting `handler`), with `require` recording what it loads. */
function load(source: string, tsLoaderPresent: boolean) {
  const required: string[] = [];
  const fakeRequire = Object.assign(
    (specifier: string) => {
      required.push(specifier);
      if (specifier === "ts-node")
        return { register: (options: object) => required.push(`register ${JSON.stringify(options)}`) };
      return { provider: (kind: KindName) => ({ servedKind: kind }) };
    },
    { extensions: tsLoaderPresent ? { ".ts": () => undefined } : {}, resolve: (specifier: string) => specifier },
  );
  const module = { exports: {} as { handler?: () => unknown } };
  new Function("exports", "require", "module", source)(module.exports, fakeRequire, module);
  return { provider: module.exports.handler!(), required };
}

describe.each(Object.keys(KINDS) as KindName[])("the provider code of %s", (kind) => {
  const source = providerSource(kind);

  test("hands Pulumi the provider of its kind from the runtime", () => {
    expect(load(source, true)).toEqual({ provider: { servedKind: kind }, required: [RUNTIME] });
  });

  test("registers ts-node for a TypeScript runtime only when nothing loads .ts yet", () => {
    expect(load(source, false).required).toEqual(["ts-node", 'register {"transpileOnly":true}', RUNTIME]);
  });

  test("stays a few hundred characters long", () => {
    expect(source.length - RUNTIME.length * 2).toBeLessThan(200);
  });
});
