/**
 * The graph as a Pulumi Python program on the native provider's SDK: secrets from the stack's secret
 * config, every resource adopted with the `import_` option.
 */
import { snakeCase } from "../../model/naming";
import type { Arg, DiscoveredGraph } from "../graph";
import type { GeneratedFiles } from "./files";
import { pulumiProject } from "./pulumi-project";
import { afterImportComment, literal, pulumiArgs, type Syntax } from "./source";

/** The Python package of the provider's SDK. */
export const PYTHON_SDK = "pulumi_scrums";

/**
 * The SDK is not published: requirements.txt names its folder (sdk/python of a scrums-iac checkout)
 * by this environment variable, which pip expands when `pulumi install` fills the virtualenv.
 */
export const PYTHON_SDK_ENV = "SCRUMS_PYTHON_SDK";

const SYNTAX: Syntax = {
  reference: (reference) => `${reference.node.name}.${snakeCase(reference.field)}`,
  secret: (secret) => `config.require_secret(${JSON.stringify(secret.name)})`,
  key: (name, inBlock) => JSON.stringify(inBlock ? snakeCase(name) : name),
  string: (text) => JSON.stringify(text),
  boolean: (value) => (value ? "True" : "False"),
  object: { open: "{", close: "}", colon: ": " },
};

export function writePulumiPython(graph: DiscoveredGraph): GeneratedFiles {
  const resources = graph.nodes.map((node) => {
    const { imported, afterImport } = pulumiArgs(node);
    const argument = ([name, value]: [string, Arg], indent: string) =>
      `${snakeCase(name)}=${literal(value, indent, SYNTAX)},`;
    const args = [
      ...Object.entries(imported.args).map((entry) => `    ${argument(entry, "    ")}`),
      ...afterImportComment(
        afterImport.map((entry) => argument(entry, "")),
        "#",
        "    ",
      ),
    ];
    return [
      `${node.name} = scrums.${node.kind}(`,
      `    ${JSON.stringify(node.name)},`,
      ...args,
      `    opts=pulumi.ResourceOptions(import_=${JSON.stringify(node.importId)}),`,
      ")",
    ].join("\n");
  });
  const program = [
    `"""${graph.organization.slug} (${graph.organization.id}), as scrums-iac discover found it."""`,
    "import pulumi",
    `import ${PYTHON_SDK} as scrums`,
    "",
    ...(graph.secrets.length ? ["config = pulumi.Config()", ""] : []),
    resources.join("\n\n"),
    "",
  ].join("\n");
  return {
    "Pulumi.yaml": pulumiProject(graph, "\n  name: python\n  options:\n    virtualenv: venv"),
    "__main__.py": program,
    "requirements.txt": `pulumi>=3.0.0,<4.0.0\n# ${PYTHON_SDK}, from sdk/python of a scrums-iac checkout\n\${${PYTHON_SDK_ENV}}\n`,
  };
}
