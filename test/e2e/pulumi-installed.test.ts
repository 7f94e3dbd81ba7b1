/**
 * scrums-iac as a Pulumi program gets it from npm: a JavaScript program requiring
 * `scrums-iac/pulumi` from its node_modules, where the compiled package lies (the package's
 * `exports` map, not this repository's sources). The provider code in state must then load the
 * runtime by package name, so that the state works wherever the program is checked out.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unique } from "../support/emulator-client";
import { useEmulator } from "../support/emulator-fixtures";
import { PulumiWorkspace } from "../support/pulumi-stack";
import { repoRoot } from "../support/tools";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const scrums = require("scrums-iac/pulumi");

const config = new pulumi.Config();
const org = new scrums.Organization("org", { name: "Installed", slug: config.require("slug") });
const workspace = new scrums.Workspace("ws", { organizationId: org.id, name: "Main", slug: "main" });
exports.organizationId = org.id;
exports.workspaceId = workspace.id;
`;

/** A program directory whose node_modules holds a copy of the compiled package and links to its dependencies. */
function installedProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-installed-"));
  const modules = path.join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(repoRoot, "node_modules"))) {
    if (!entry.startsWith(".")) symlinkSync(path.join(repoRoot, "node_modules", entry), path.join(modules, entry));
  }
  const installed = path.join(modules, "scrums-iac");
  mkdirSync(installed);
  cpSync(path.join(repoRoot, "package.json"), path.join(installed, "package.json"));
  cpSync(path.join(repoRoot, "dist"), path.join(installed, "dist"), { recursive: true });
  writeFileSync(path.join(dir, "index.js"), PROGRAM);
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: scrums-installed\nruntime: nodejs\nmain: index.js\n");
  return dir;
}

const ctx = useEmulator();
const pulumi = new PulumiWorkspace();
const project = installedProject();
afterAll(() => {
  pulumi.remove();
  rmSync(project, { recursive: true, force: true });
});

const statusOf = async (objectPath: string) =>
  ((await ctx.client.api("GET", objectPath)).body.data as { status: string }).status;

test("an installed scrums-iac converges, and its state loads the runtime by package name", async () => {
  const stack = await pulumi.stack(unique("installed"), ctx.env.emulator, {
    project: path.join(project, "Pulumi.yaml"),
    config: { slug: unique("installed") },
  });
  await stack.up();

  const organization = `/v1/orgs/${await stack.output("organizationId")}`;
  const workspace = `/v1/workspaces/${await stack.output("workspaceId")}`;
  expect(await statusOf(organization)).toBe("active");
  expect(await statusOf(workspace)).toBe("active");

  const resources = Object.values(await stack.resources());
  expect(resources.map((resource) => [resource.kind, resource.outputs.__provider])).toEqual([
    ["Organization", 'exports.handler = () => require("scrums-iac/pulumi/runtime").provider("Organization");'],
    ["Workspace", 'exports.handler = () => require("scrums-iac/pulumi/runtime").provider("Workspace");'],
  ]);

  await stack.preview("--expect-no-changes", "--refresh");
  await stack.destroy();
  expect(await statusOf(workspace)).toBe("archived");
  expect(await statusOf(organization)).toBe("closed");
});
