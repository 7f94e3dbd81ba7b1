/** The Pulumi.yaml of a discovered program, declaring the secrets it reads from the stack's config. */
import type { DiscoveredGraph } from "../graph";

export function pulumiProject(graph: DiscoveredGraph, runtime: string, body = ""): string {
  const config = graph.secrets.map(
    (secret) =>
      `  ${secret.name}:\n    type: string\n    secret: true\n    description: ${JSON.stringify(secret.description)}\n`,
  );
  return (
    `name: ${graph.organization.slug}\nruntime: ${runtime}\n` +
    `description: ${JSON.stringify(`${graph.organization.slug} (${graph.organization.id}), as scrums-iac discover found it`)}\n` +
    (config.length ? `config:\n${config.join("")}` : "") +
    body
  );
}
