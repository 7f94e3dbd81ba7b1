/**
 * The graph as a CDK for Terraform app in TypeScript on `scrums-iac/cdktf`'s bindings: one stack,
 * a sensitive TerraformVariable per secret, and `importFrom` on every resource.
 */
import { KINDS } from "../../model/resources";
import type { DiscoveredGraph, GraphNode } from "../graph";
import type { GeneratedFiles } from "./files";
import { camelCase, literal, TSCONFIG, typescript } from "./source";

/** The bindings' module of a kind: `organizationMember`. */
const moduleOf = (node: GraphNode) => node.kind[0]!.toLowerCase() + node.kind.slice(1);

export function writeCdktf(graph: DiscoveredGraph): GeneratedFiles {
  const syntax = typescript(
    (reference) => `${camelCase(reference.node.name)}.${reference.field}`,
    (secret) => `${camelCase(secret.name)}.stringValue`,
  );
  const modules = [...new Set(graph.nodes.map(moduleOf)), "provider"].sort();
  const indent = "    ";
  const variables = graph.secrets.map(
    (secret) =>
      `${indent}const ${camelCase(secret.name)} = new TerraformVariable(this, ${JSON.stringify(secret.name)}, {\n` +
      `${indent}  type: "string",\n${indent}  sensitive: true,\n${indent}  description: ${JSON.stringify(secret.description)},\n${indent}});`,
  );
  const resources = graph.nodes.map((node) => {
    const name = camelCase(node.name);
    const construct = `${moduleOf(node)}.${KINDS[node.kind].name}`;
    return (
      `${indent}const ${name} = new ${construct}(this, ${JSON.stringify(node.name)}, ${literal(node.args, indent, syntax)});\n` +
      `${indent}${name}.importFrom(${JSON.stringify(node.importId)});`
    );
  });
  const stack = JSON.stringify(graph.organization.slug);
  const main = `/** ${graph.organization.slug} (${graph.organization.id}), as scrums-iac discover found it. */
import { App, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { ${modules.join(", ")} } from "scrums-iac/cdktf";

class DiscoveredStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Reads SCRUMS_API_URL and SCRUMS_API_TOKEN from the environment.
    new provider.ScrumsProvider(this, "scrums");
${[...variables, ...resources].join("\n\n")}
  }
}

const app = new App();
new DiscoveredStack(app, ${stack});
app.synth();
`;
  return {
    "main.ts": main.replace("\n\n\n", "\n\n"),
    "cdktf.json": `${JSON.stringify(
      {
        language: "typescript",
        app: "npx ts-node --transpile-only main.ts",
        terraformProviders: [],
        terraformModules: [],
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": TSCONFIG,
  };
}
