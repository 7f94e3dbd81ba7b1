/**
 * What the writers of programs (TypeScript, Python, YAML) share: names in each language's case, the
 * literal rendering of an argument with the language's own forms for references and secrets, and
 * which arguments a Pulumi import can take.
 */
import { type Fields, hasSaltedHash, KINDS } from "../../model/resources";
import { type Arg, Block, type GraphNode, Reference, SecretInput } from "../graph";

/** `platform_github` → `platformGithub`. */
export const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/**
 * A node's arguments for a Pulumi program that imports it: Pulumi refuses an import whose inputs
 * differ from the object's, and a write-only value kept only as a salted hash (an integration's
 * secrets) is not in an imported state, so it can be declared only after the import (an update).
 */
export function pulumiArgs(node: GraphNode): { imported: Block; afterImport: [string, Arg][] } {
  const fields: Fields = KINDS[node.kind].fields;
  const entries = Object.entries(node.args.args);
  return {
    imported: new Block(Object.fromEntries(entries.filter(([name]) => !hasSaltedHash(fields[name]!)))),
    afterImport: entries.filter(([name]) => hasSaltedHash(fields[name]!)),
  };
}

/** `lines` commented out with `marker`, after a line saying why, at `indent`. */
export const afterImportComment = (lines: string[], marker: string, indent: string) =>
  lines.length === 0
    ? []
    : [
        `${indent}${marker} After the import, to manage them here (the platform never returns them; declaring them is an update):`,
        ...lines.flatMap((line) => line.split("\n")).map((line) => `${indent}${marker} ${line}`),
      ];

export interface Syntax {
  reference(reference: Reference): string;
  secret(secret: SecretInput): string;
  /** A key of a block (a model field name) or of a map (data, kept as it is). */
  key(name: string, inBlock: boolean): string;
  string(text: string): string;
  /** `true` / `True`. */
  boolean(value: boolean): string;
  /** An object's opening and closing, and what separates a key from its value. */
  object: { open: string; close: string; colon: string };
}

/** An argument as a literal of the language `syntax` describes; objects spread over lines, arrays on one. */
export function literal(arg: Arg, indent: string, syntax: Syntax): string {
  if (arg instanceof Reference) return syntax.reference(arg);
  if (arg instanceof SecretInput) return syntax.secret(arg);
  if (typeof arg === "string") return syntax.string(arg);
  if (typeof arg === "boolean") return syntax.boolean(arg);
  if (typeof arg === "number") return String(arg);
  if (Array.isArray(arg)) return `[${arg.map((item) => literal(item, indent, syntax)).join(", ")}]`;
  const inBlock = arg instanceof Block;
  const entries = Object.entries(inBlock ? arg.args : arg);
  if (entries.length === 0) return `${syntax.object.open}${syntax.object.close}`;
  const inner = `${indent}    `;
  const lines = entries.map(
    ([name, value]) => `${inner}${syntax.key(name, inBlock)}${syntax.object.colon}${literal(value, inner, syntax)},`,
  );
  return `${syntax.object.open}\n${lines.join("\n")}\n${indent}${syntax.object.close}`;
}

/** A key of a JavaScript object literal: quoted unless it is an identifier. */
export const jsKey = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

/** JavaScript's syntax, but for references and secrets. */
export const typescript = (reference: Syntax["reference"], secret: Syntax["secret"]): Syntax => ({
  reference,
  secret,
  key: jsKey,
  string: (text) => JSON.stringify(text),
  boolean: String,
  object: { open: "{", close: "}", colon: ": " },
});

/** The tsconfig.json of a generated TypeScript program: type-checked as strictly as this project's own. */
export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "commonjs",
      moduleResolution: "node",
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ["*.ts"],
  },
  null,
  2,
)}\n`;
