/** Reads an organization back from the API and draws it as a tree, as the platform holds it. */
import type { ScrumsClient } from "../../provider/client/client";

const branch = (lines: string[], last: boolean) =>
  lines.map((line, i) => (i === 0 ? (last ? "└─ " : "├─ ") : last ? "   " : "│  ") + line);

const tree = (children: string[][]) => children.flatMap((child, i) => branch(child, i === children.length - 1));

const collect = async <T>(items: AsyncIterable<T>) => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

export async function drawOrganization(client: ScrumsClient, orgId: string): Promise<string> {
  const org = (await client.call("getOrganization", { params: { org_id: orgId } })).data;
  const [members, domains, workspaces, integrations] = await Promise.all([
    collect(client.paginate("listMembers", { params: { org_id: orgId } })),
    collect(client.paginate("listDomains", { params: { org_id: orgId } })),
    collect(client.paginate("listWorkspaces", { query: { organization_id: orgId } })),
    collect(client.paginate("listIntegrations", { query: { organization_id: orgId } })),
  ]);
  const integrationLine = (i: (typeof integrations)[number]) => [
    `integration ${i.type} (${i.status}) ${JSON.stringify(i.config)}`,
  ];
  const workspaceNodes = await Promise.all(
    workspaces
      .filter((ws) => ws.status === "active")
      .map(async (ws) => {
        const wsMembers = await collect(client.paginate("listWorkspaceMembers", { params: { ws_id: ws.id } }));
        return [
          `workspace ${ws.slug} (${ws.id}) "${ws.name}"`,
          ...tree([
            ...wsMembers.map((m) => [`${m.email}: ${m.role}`]),
            ...integrations.filter((i) => i.workspace_id === ws.id).map(integrationLine),
          ]),
        ];
      }),
  );
  const { settings } = org;
  return [
    `organization ${org.slug} (${org.id}) "${org.name}" ${org.status}`,
    ...tree([
      [
        `settings: enforce_sso=${settings.enforce_sso} require_mfa=${settings.require_mfa} currency=${settings.default_currency}`,
      ],
      ...domains.map((d) => [
        `domain ${d.domain}: ${d.verified ? "verified" : "unverified"}, sso=${d.sso_enforcement}, jit=${d.jit_provisioning_enabled}, scim=${d.scim_enabled}`,
      ]),
      ["members", ...tree(members.map((m) => [`${m.email}: ${m.role} (${m.status})`]))],
      ...workspaceNodes,
      ...integrations.filter((i) => i.workspace_id === null).map(integrationLine),
    ]),
  ].join("\n");
}
