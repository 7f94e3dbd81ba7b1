/** What `discover` tells the person who ran it: objects by kind, the secrets to fill in, and how to adopt the code. */
import type { Format } from ".";
import type { DiscoveredGraph } from "./graph";

/** How the secrets are given to each format's tool. */
const FILL_IN: Record<Format, string> = {
  hcl: "Fill in the variables (TF_VAR_<name>, or a .tfvars file kept out of version control)",
  cdktf: "Fill in the variables (TF_VAR_<name>)",
  "pulumi-ts": "Set the secrets (pulumi config set --secret <name>)",
  "pulumi-python": "Set the secrets (pulumi config set --secret <name>)",
  "pulumi-yaml": "Set the secrets (pulumi config set --secret <name>)",
};

const NEXT_STEPS: Record<Format, string> = {
  hcl: "run `terraform init` and `terraform plan`: it shows the imports",
  cdktf: "run `cdktf diff` and `cdktf deploy`: every resource is imported",
  "pulumi-ts": "run `npm install` and `pulumi preview`: it shows the imports",
  "pulumi-python": "run `pulumi preview`: it shows the imports",
  "pulumi-yaml": "run `pulumi preview`: it shows the imports",
};

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
  return `${lines.join("\n")}\n`;
}
