/**
 * The graph as Terraform (or OpenTofu) configuration: `main.tf` with the resources, `variables.tf`
 * with the secrets to fill in (sensitive, no value), `imports.tf` with an `import` block per
 * resource. Laid out as `terraform fmt` lays it out.
 */
import { snakeCase } from "../../model/naming";
import { KINDS } from "../../model/resources";
import { type Arg, Block, type DiscoveredGraph, type GraphNode, Reference, SecretInput } from "../graph";
import type { GeneratedFiles } from "./files";

const addressOf = (node: GraphNode) => `${KINDS[node.kind].terraformType}.${node.name}`;

/** A string literal; `${` and `%{` would start a template. */
const quoted = (text: string) =>
  JSON.stringify(text)
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, "%%{");

const key = (name: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : quoted(name));

/**
 * Attribute lines `name = value`, as `terraform fmt` lays them out: the `=` of consecutive one-line
 * attributes aligned; a value spanning lines stands alone.
 */
function body(entries: [string, string][], indent: string): string {
  const lines: string[] = [];
  let group: [string, string][] = [];
  const flush = () => {
    const width = Math.max(...group.map(([name]) => name.length));
    for (const [name, value] of group) lines.push(`${indent}${name.padEnd(width)} = ${value}`);
    group = [];
  };
  for (const [name, value] of entries) {
    if (!value.includes("\n")) {
      group.push([name, value]);
      continue;
    }
    if (group.length) flush();
    lines.push(`${indent}${name} = ${value}`);
  }
  if (group.length) flush();
  return lines.join("\n");
}

function value(arg: Arg, indent: string): string {
  if (arg instanceof Reference)
    return arg.field === "id" ? `${addressOf(arg.node)}.id` : `${addressOf(arg.node)}.${snakeCase(arg.field)}`;
  if (arg instanceof SecretInput) return `var.${arg.name}`;
  if (arg instanceof Block)
    return object(
      Object.entries(arg.args).map(([name, v]) => [snakeCase(name), v]),
      indent,
    );
  if (typeof arg === "string") return quoted(arg);
  if (typeof arg !== "object") return String(arg);
  if (Array.isArray(arg)) return `[${arg.map((item) => value(item, indent)).join(", ")}]`;
  return object(
    Object.entries(arg).map(([name, v]) => [key(name), v]),
    indent,
  );
}

function object(entries: [string, Arg][], indent: string): string {
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  return `{\n${body(
    entries.map(([name, v]) => [name, value(v, inner)]),
    inner,
  )}\n${indent}}`;
}

const resource = (node: GraphNode) =>
  `resource "${KINDS[node.kind].terraformType}" "${node.name}" {\n${body(
    Object.entries(node.args.args).map(([name, v]) => [snakeCase(name), value(v, "  ")]),
    "  ",
  )}\n}\n`;

export function writeHcl(graph: DiscoveredGraph): GeneratedFiles {
  const main = [
    'terraform {\n  required_providers {\n    scrums = {\n      source = "scrums/scrums"\n    }\n  }\n}\n',
    '# Reads SCRUMS_API_URL and SCRUMS_API_TOKEN from the environment.\nprovider "scrums" {}\n',
    ...graph.nodes.map(resource),
  ];
  const variables = graph.secrets.map(
    (secret) =>
      `variable "${secret.name}" {\n${body(
        [
          ["description", quoted(secret.description)],
          ["type", "string"],
          ["sensitive", "true"],
        ],
        "  ",
      )}\n}\n`,
  );
  const imports = graph.nodes.map(
    (node) =>
      `import {\n${body(
        [
          ["to", addressOf(node)],
          ["id", quoted(node.importId)],
        ],
        "  ",
      )}\n}\n`,
  );
  return {
    "main.tf": main.join("\n"),
    ...(variables.length ? { "variables.tf": variables.join("\n") } : {}),
    "imports.tf": imports.join("\n"),
  };
}
