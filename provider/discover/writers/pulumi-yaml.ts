/**
 * The graph as a Pulumi YAML program on the native provider (`scrums:index:<Kind>`): secrets from the
 * stack's secret config, every resource adopted with the `import` option.
 */
import { type Arg, Block, type DiscoveredGraph, Reference, SecretInput } from "../graph";
import type { GeneratedFiles } from "./files";
import { pulumiProject } from "./pulumi-project";
import { afterImportComment, pulumiArgs } from "./source";

/** A double-quoted scalar (JSON's escapes are YAML's); `${` would be read as an interpolation. */
const quoted = (value: string) => JSON.stringify(value).replace(/\$\{/g, () => "$${");

/** An argument as YAML: objects as indented blocks under their key, everything else inline. */
function entry(key: string, arg: Arg, indent: string): string {
  const head = `${indent}${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : quoted(key)}:`;
  if (arg instanceof Reference) return `${head} \${${arg.node.name}.${arg.field}}`;
  if (arg instanceof SecretInput) return `${head} \${${arg.name}}`;
  if (typeof arg !== "object") return `${head} ${typeof arg === "string" ? quoted(arg) : String(arg)}`;
  if (Array.isArray(arg))
    return `${head} [${arg.map((item) => (typeof item === "string" ? quoted(item) : String(item))).join(", ")}]`;
  const members = Object.entries(arg instanceof Block ? arg.args : arg);
  if (members.length === 0) return `${head} {}`;
  return [head, ...members.map(([name, value]) => entry(name, value, `${indent}  `))].join("\n");
}

export function writePulumiYaml(graph: DiscoveredGraph): GeneratedFiles {
  const resources = graph.nodes.map((node) => {
    const { imported, afterImport } = pulumiArgs(node);
    return [
      `  ${node.name}:`,
      `    type: scrums:index:${node.kind}`,
      "    properties:",
      ...Object.entries(imported.args).map(([name, value]) => entry(name, value, "      ")),
      ...afterImportComment(
        afterImport.map(([name, value]) => entry(name, value, "")),
        "#",
        "      ",
      ),
      "    options:",
      `      import: ${quoted(node.importId)}`,
      "",
    ].join("\n");
  });
  return { "Pulumi.yaml": pulumiProject(graph, "yaml", `resources:\n${resources.join("")}`) };
}
