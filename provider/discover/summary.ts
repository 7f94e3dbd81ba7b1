/** What `discover` tells the person who ran it: objects by kind, the secrets to fill in, and how to adopt the code. */
import type { Format } from ".";
import type { DiscoveredGraph } from "./graph";
import { PYTHON_SDK_ENV } from "./writers/pulumi-python";
import { pulumiArgs } from "./writers/source";

const PULUMI_SECRETS =
  "In a new stack (`pulumi stack init`), set the secrets (`pulumi config set --secret <name>` prompts for the value or reads it from stdin: `< cert.pem`)";

/** How the secrets are given to each format's tool. */
const FILL_IN: Record<Format, string> = {
  hcl: "Fill in the variables (TF_VAR_<name>, or a .tfvars file kept out of version control)",
  cdktf: "Fill in the variables (TF_VAR_<name>)",
  "pulumi-ts": PULUMI_SECRETS,
  "pulumi-python": PULUMI_SECRETS,
  "pulumi-yaml": PULUMI_SECRETS,
};

/** The plugin and the SDKs are not published: they come from a scrums-iac checkout, `$SCRUMS_IAC`. */
const PULUMI_PLUGIN = 'put the plugin of a scrums-iac checkout on PATH (`export PATH="$SCRUMS_IAC/bin:$PATH"`)';

const NEXT_STEPS: Record<Format, string> = {
  hcl: "run `terraform init` and `terraform plan`: it shows the imports",
  cdktf: "run `cdktf diff` and `cdktf deploy`: every resource is imported",
  "pulumi-ts":
    `${PULUMI_PLUGIN}, link its SDK and @pulumi/pulumi (\`mkdir -p node_modules/@scrums-iac node_modules/@pulumi && ` +
    'ln -s "$SCRUMS_IAC/sdk/nodejs" node_modules/@scrums-iac/pulumi-scrums && ln -s "$SCRUMS_IAC/node_modules/@pulumi/pulumi" node_modules/@pulumi/pulumi`) ' +
    "and run `pulumi preview`: it shows the imports",
  "pulumi-python":
    `${PULUMI_PLUGIN}, run \`${PYTHON_SDK_ENV}="$SCRUMS_IAC/sdk/python" pulumi install\` (requirements.txt names its SDK by that variable) ` +
    "and `pulumi preview`: it shows the imports",
  "pulumi-yaml": `${PULUMI_PLUGIN} and run \`pulumi preview\`: it shows the imports`,
};

/** After a Pulumi import, what the program holds commented out (an import cannot take it). */
const PULUMI_AFTER_IMPORT =
  "After `pulumi up` has imported them, uncomment the integrations' secrets and run `pulumi up` again: it sends them once.";

export function summary(graph: DiscoveredGraph, format: Format, outDir: string): string {
  const counts = new Map<string, number>();
  for (const node of graph.nodes) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  const lines = [
    `Discovered ${graph.organization.slug} (${graph.organization.id}): ${graph.nodes.length} objects, written to ${outDir} as ${format}`,
    ...[...counts].map(([kind, count]) => `  ${kind.padEnd(20)} ${count}`),
  ];
  if (graph.secrets.length) {
    lines.push(`Secrets the platform never returns, to fill in (${graph.secrets.length}):`);
    for (const secret of graph.secrets) lines.push(`  ${secret.name}: ${secret.description}`);
  }
  const next = NEXT_STEPS[format];
  lines.push(graph.secrets.length ? `${FILL_IN[format]}, then ${next}.` : `Next, ${next}.`);
  if (format.startsWith("pulumi-") && graph.nodes.some((node) => pulumiArgs(node).afterImport.length))
    lines.push(PULUMI_AFTER_IMPORT);
  return `${lines.join("\n")}\n`;
}
