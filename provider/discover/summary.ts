/** What `discover` tells the person who ran it: objects by kind, the secrets to fill in, and how to adopt the code. */
import type { Format } from ".";
import type { DiscoveredGraph } from "./graph";

const NEXT_STEPS: Record<Format, string> = {
  hcl: "Fill in the variables (TF_VAR_<name>, or a .tfvars file kept out of version control), then `terraform init` and `terraform plan`: it shows only imports.",
  cdktf:
    "Fill in the variables (TF_VAR_<name>), `npm install`, then `cdktf diff` and `cdktf deploy`: every resource is imported.",
  "pulumi-ts":
    "Set the secrets (`pulumi config set --secret <name> …`), `npm install`, then `pulumi preview`: it shows only imports.",
  "pulumi-python":
    "Set the secrets (`pulumi config set --secret <name> …`), then `pulumi preview`: it shows only imports.",
  "pulumi-yaml":
    "Set the secrets (`pulumi config set --secret <name> …`), then `pulumi preview`: it shows only imports.",
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
  lines.push(NEXT_STEPS[format]);
  return `${lines.join("\n")}\n`;
}
