/**
 * The discovered graph and its writers, on an organization given as the engine's states: what is
 * written (defaults left out, references, secrets, context fields), names and their collisions, and
 * the Pulumi programs (whose end-to-end run needs the native provider's SDKs).
 */
import { execFileSync } from "node:child_process";
import { discoveredGraph, Reference, SecretInput } from "../../../provider/discover/graph";
import type { DiscoveredObject } from "../../../provider/discover/read";
import { writeHcl } from "../../../provider/discover/writers/hcl";
import { writePulumiPython } from "../../../provider/discover/writers/pulumi-python";
import { writePulumiTypeScript } from "../../../provider/discover/writers/pulumi-typescript";
import { writePulumiYaml } from "../../../provider/discover/writers/pulumi-yaml";

const object = (kind: DiscoveredObject["kind"], id: string, state: Record<string, unknown>, extra = {}) =>
  ({ kind, id, importId: id, state, heldSecrets: [], written: true, ...extra }) as DiscoveredObject;

const ORG = "ORG-26-000001";
const objects: DiscoveredObject[] = [
  object("Organization", ORG, {
    name: "Acme",
    slug: "acme",
    planId: "plan_free",
    billingEmail: null,
    enforceSso: true,
    requireMfa: false,
    defaultCurrency: "USD",
    address: null,
  }),
  object("Workspace", "WS-26-000001", {
    organizationId: ORG,
    name: "Default",
    slug: "default",
    defaultCurrency: "USD",
    requireTaskServiceLine: false,
  }),
  object("OrganizationMember", `${ORG}/USR-26-000002`, {
    organizationId: ORG,
    email: "sam@acme.example",
    role: "admin",
    userId: "USR-26-000002",
  }),
  object("OrganizationMember", `${ORG}/USR-26-000003`, {
    organizationId: ORG,
    email: "sam@other.example",
    role: "billing",
    userId: "USR-26-000003",
  }),
  object("WorkspaceMember", "WS-26-000001/USR-26-000003", {
    workspaceId: "WS-26-000001",
    userId: "USR-26-000003",
    role: "member",
  }),
  object(
    "Domain",
    "DOM-26-000001",
    {
      organizationId: ORG,
      domain: "acme.example",
      ssoEnforcement: "saml",
      jitProvisioningEnabled: false,
      scimEnabled: false,
      saml: { entityId: "https://idp/${x}", acsUrl: "https://idp/acs", certificateSha256: "ab12" },
    },
    { importId: `${ORG}/DOM-26-000001` },
  ),
  object(
    "Integration",
    "INT-26-000001",
    {
      organizationId: null,
      workspaceId: "WS-26-000001",
      type: "github",
      config: { org: "acme", "repo list": ["api"] },
      environmentMapping: {},
    },
    { heldSecrets: ["webhook_secret"] },
  ),
];

const graph = discoveredGraph(objects);
const node = (name: string) => graph.nodes.find((candidate) => candidate.name === name)!;

describe("the discovered graph", () => {
  it("names objects from slugs, emails and domains, resolving a collision by the longer name", () => {
    expect(graph.nodes.map((n) => n.name)).toEqual([
      "acme",
      "default_workspace",
      "sam",
      "sam_other_example",
      "default_workspace_sam_other_example",
      "acme_example",
      "default_workspace_github",
    ]);
  });

  it("leaves out values equal to their defaults and fields nobody declares", () => {
    expect(Object.keys(node("default_workspace").args.args)).toEqual([
      "organizationId",
      "name",
      "slug",
      "defaultCurrency",
    ]);
    expect(Object.keys(node("acme").args.args)).toEqual([
      "name",
      "slug",
      "planId",
      "enforceSso",
      "defaultCurrency",
      "plannedSsoDomains",
    ]);
  });

  it("refers to discovered objects instead of their ids, and fills in the context fields", () => {
    const access = node("default_workspace_sam_other_example").args.args;
    expect(access.workspaceId).toEqual(new Reference(node("default_workspace"), "id"));
    expect(access.userId).toEqual(new Reference(node("sam_other_example"), "userId"));
    expect(access.organizationRole).toEqual(new Reference(node("sam_other_example"), "role"));
    expect(node("acme").args.args.plannedSsoDomains).toEqual(["acme.example"]);
  });

  it("asks for every secret the platform holds as an input with no value", () => {
    expect(graph.secrets).toEqual([
      new SecretInput("acme_example_saml_certificate", `saml.certificate of Domain ${ORG}/DOM-26-000001`),
      new SecretInput("default_workspace_github_webhook_secret", "secrets.webhook_secret of Integration INT-26-000001"),
    ]);
  });
});

describe("the writers", () => {
  it("HCL: references, sensitive variables with no value, an import block per resource, templates escaped", () => {
    const files = writeHcl(graph);
    expect(files["main.tf"]).toContain('entity_id   = "https://idp/$${x}"');
    expect(files["main.tf"]).toContain('"repo list" = ["api"]');
    expect(files["variables.tf"]).not.toMatch(/^\s*default\s*=/m);
    expect(files["imports.tf"]!.match(/^import \{/gm)).toHaveLength(graph.nodes.length);
  });

  it("Pulumi YAML: the native provider's types, the import option, secrets from config", () => {
    const project = JSON.parse(
      execFileSync("python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"], {
        input: writePulumiYaml(graph)["Pulumi.yaml"]!,
        encoding: "utf8",
      }),
    ) as {
      config: Record<string, { secret: boolean }>;
      resources: Record<string, { type: string; properties: Record<string, unknown>; options: { import: string } }>;
    };
    expect(project.config.default_workspace_github_webhook_secret!.secret).toBe(true);
    expect(project.resources.acme).toEqual({
      type: "scrums:index:Organization",
      properties: {
        name: "Acme",
        slug: "acme",
        planId: "plan_free",
        enforceSso: true,
        defaultCurrency: "USD",
        plannedSsoDomains: ["acme.example"],
      },
      options: { import: ORG },
    });
    expect(project.resources.default_workspace_sam_other_example!.properties).toEqual({
      workspaceId: "${default_workspace.id}",
      userId: "${sam_other_example.userId}",
      role: "member",
      organizationRole: "${sam_other_example.role}",
    });
    expect(project.resources.acme_example!.properties.saml).toEqual({
      entityId: "https://idp/$${x}",
      acsUrl: "https://idp/acs",
      certificate: "${acme_example_saml_certificate}",
    });
  });

  it("Pulumi Python: a program Python parses, with import_ on every resource", () => {
    const program = writePulumiPython(graph)["__main__.py"]!;
    execFileSync("python3", ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], { input: program });
    expect(program.match(/import_=/g)).toHaveLength(graph.nodes.length);
    expect(program).toContain("user_id=sam_other_example.user_id,");
    expect(program).toContain(
      '#     "webhook_secret": config.require_secret("default_workspace_github_webhook_secret"),',
    );
  });

  it("Pulumi TypeScript: the import option on every resource, secrets from config, an integration's after the import", () => {
    const program = writePulumiTypeScript(graph)["index.ts"]!;
    expect(program.match(/\{ import: "/g)).toHaveLength(graph.nodes.length);
    expect(program).toContain("workspaceId: defaultWorkspace.id,");
    expect(program).toContain("organizationRole: samOtherExample.role,");
    expect(program).toContain('certificate: config.requireSecret("acme_example_saml_certificate"),');
    expect(program).toMatch(
      /\n {4}\/\/ After the import[^\n]*\n {4}\/\/ secrets: \{\n {4}\/\/ {5}webhook_secret: config\.requireSecret\("default_workspace_github_webhook_secret"\),\n {4}\/\/ \},\n\}/,
    );
  });
});
