/**
 * `scrums-iac discover`: reads an organization through the API's list endpoints and writes it as code
 * in one of the formats, with what it takes to adopt it (import blocks, import options).
 */
import type { ScrumsClient } from "../client/client";
import { type DiscoveredGraph, discoveredGraph } from "./graph";
import { readOrganization, type ReadOptions } from "./read";
import type { GeneratedFiles } from "./writers/files";
import { writeCdktf } from "./writers/cdktf";
import { writeHcl } from "./writers/hcl";
import { writePulumiPython } from "./writers/pulumi-python";
import { writePulumiTypeScript } from "./writers/pulumi-typescript";
import { writePulumiYaml } from "./writers/pulumi-yaml";

export const WRITERS = {
  hcl: writeHcl,
  cdktf: writeCdktf,
  "pulumi-ts": writePulumiTypeScript,
  "pulumi-python": writePulumiPython,
  "pulumi-yaml": writePulumiYaml,
} as const satisfies Record<string, (graph: DiscoveredGraph) => GeneratedFiles>;

export type Format = keyof typeof WRITERS;
export const FORMATS = Object.keys(WRITERS) as Format[];

export interface Discovery {
  graph: DiscoveredGraph;
  files: GeneratedFiles;
}

export async function discover(client: ScrumsClient, format: Format, options: ReadOptions): Promise<Discovery> {
  const graph = discoveredGraph(await readOrganization(client, options));
  return { graph, files: WRITERS[format](graph) };
}

export type { DiscoveredGraph } from "./graph";
export type { GeneratedFiles } from "./writers/files";
