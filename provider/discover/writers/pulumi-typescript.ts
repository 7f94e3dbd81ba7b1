/**
 * The graph as a Pulumi TypeScript program on the native provider's SDK (`scrums:index:<Kind>`):
 * secrets from the stack's secret config, every resource adopted with the `import` option.
 */
import type { DiscoveredGraph } from "../graph";
import type { GeneratedFiles } from "./files";
import { pulumiProject } from "./pulumi-project";
import { afterImportComment, camelCase, literal, pulumiArgs, TSCONFIG, typescript } from "./source";

/** The npm package of the provider's TypeScript SDK. */
export const TYPESCRIPT_SDK = "@scrums-iac/pulumi-scrums";

export function writePulumiTypeScript(graph: DiscoveredGraph): GeneratedFiles {
  const syntax = typescript(
    (reference) => `${camelCase(reference.node.name)}.${reference.field}`,
    (secret) => `config.requireSecret(${JSON.stringify(secret.name)})`,
  );
  const resources = graph.nodes.map((node) => {
    const { imported, afterImport } = pulumiArgs(node);
    const later = afterImportComment(
      afterImport.map(([name, value]) => `${name}: ${literal(value, "", syntax)},`),
      "//",
      "    ",
    );
    const args = literal(imported, "", syntax).replace(/\n\}$/, later.length ? `\n${later.join("\n")}\n}` : "\n}");
    return `export const ${camelCase(node.name)} = new scrums.${node.kind}(${JSON.stringify(node.name)}, ${args}, { import: ${JSON.stringify(node.importId)} });`;
  });
  const program = `/** ${graph.organization.slug} (${graph.organization.id}), as scrums-iac discover found it. */
import * as pulumi from "@pulumi/pulumi";
import * as scrums from "${TYPESCRIPT_SDK}";

${graph.secrets.length ? "const config = new pulumi.Config();\n\n" : ""}${resources.join("\n\n")}
`;
  return {
    "Pulumi.yaml": pulumiProject(graph, "nodejs"),
    "index.ts": graph.secrets.length ? program : program.replace('import * as pulumi from "@pulumi/pulumi";\n', ""),
    "package.json": `${JSON.stringify(
      {
        name: graph.organization.slug,
        private: true,
        main: "index.ts",
        // The SDK is not published: it is linked from a scrums-iac checkout (see the summary).
        dependencies: { "@pulumi/pulumi": "^3" },
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": TSCONFIG,
  };
}
