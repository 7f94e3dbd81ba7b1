/**
 * An organization of a given size, declared three ways from one description: for the pulumi-declare
 * program, as Terraform HCL, and as the API requests that create it with nothing in between. Also
 * checks the platform against the declaration, object by object. The large org of the benchmarks
 * and the mid-size org of the resilience tests are two sizes of it.
 */
import type { Declaration, Value } from "../e2e/fixtures/pulumi-declare/declaration";

export interface OrganizationShape {
  workspaces: number;
  members: number;
  /** Each member joins this many workspaces, round the ring of workspaces. */
  workspacesPerMember: number;
  domains: number;
  organizationIntegrations: number;
  /** Spread over the workspaces in turn. */
  workspaceIntegrations: number;
}

export const LARGE_ORG: OrganizationShape = {
  workspaces: 20,
  members: 1000,
  workspacesPerMember: 2,
  domains: 10,
  organizationIntegrations: 10,
  workspaceIntegrations: 40,
};

export const MID_SIZE_ORG: OrganizationShape = {
  workspaces: 4,
  members: 40,
  workspacesPerMember: 2,
  domains: 3,
  organizationIntegrations: 2,
  workspaceIntegrations: 4,
};

export const objectCount = (shape: OrganizationShape) =>
  1 +
  shape.workspaces +
  shape.members * (1 + shape.workspacesPerMember) +
  shape.domains +
  shape.organizationIntegrations +
  shape.workspaceIntegrations;

const emailOf = (slug: string, member: number) => `member-${member}@${slug}.example`;
const domainOf = (slug: string, domain: number) => `d${domain}.${slug}.example`;
const workspaceSlug = (workspace: number) => `ws-${workspace}`;
/** The workspaces member `member` joins: distinct as long as workspacesPerMember ≤ workspaces. */
const workspacesOf = (shape: OrganizationShape, member: number) =>
  Array.from(
    { length: shape.workspacesPerMember },
    (_, k) => (member + k * Math.floor(shape.workspaces / shape.workspacesPerMember)) % shape.workspaces,
  );
/** Members are billing members, which makes them at most `member` in a workspace. */
const ORG_ROLE = "billing";
const WORKSPACE_ROLE = "member";
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** What the platform must hold, in the API's terms. */
interface Expected {
  workspaces: string[];
  members: Map<string, string>;
  memberships: Map<string, Set<string>>;
  domains: string[];
  integrations: Map<string, number>;
}

function expected(shape: OrganizationShape, slug: string): Expected {
  const memberships = new Map(range(shape.workspaces).map((w) => [workspaceSlug(w), new Set<string>()]));
  for (const m of range(shape.members))
    for (const w of workspacesOf(shape, m)) memberships.get(workspaceSlug(w))!.add(emailOf(slug, m));
  const integrations = new Map<string, number>();
  const count = (owner: string) => integrations.set(owner, (integrations.get(owner) ?? 0) + 1);
  range(shape.organizationIntegrations).forEach(() => count("organization/slack"));
  range(shape.workspaceIntegrations).forEach((i) => count(`${workspaceSlug(i % shape.workspaces)}/github`));
  return {
    workspaces: range(shape.workspaces).map(workspaceSlug),
    members: new Map(range(shape.members).map((m) => [emailOf(slug, m), ORG_ROLE])),
    memberships,
    domains: range(shape.domains).map((d) => domainOf(slug, d)),
    integrations,
  };
}

/** The organization as the pulumi-declare program reads it. */
export function pulumiDeclaration(shape: OrganizationShape, slug: string): Declaration {
  const resources: Declaration["resources"] = {};
  const org = { $ref: "org" };
  resources.org = { type: "Organization", args: { name: `Org ${slug}`, slug } };
  for (const w of range(shape.workspaces)) {
    resources[`ws-${w}`] = {
      type: "Workspace",
      args: { organizationId: org, name: `Workspace ${w}`, slug: workspaceSlug(w) },
    };
  }
  for (const m of range(shape.members)) {
    resources[`member-${m}`] = {
      type: "OrganizationMember",
      args: { organizationId: org, email: emailOf(slug, m), role: ORG_ROLE },
    };
    for (const w of workspacesOf(shape, m)) {
      const userId: Value = { $ref: `member-${m}`, output: "userId" };
      resources[`member-${m}-ws-${w}`] = {
        type: "WorkspaceMember",
        args: { workspaceId: { $ref: `ws-${w}` }, userId, role: WORKSPACE_ROLE },
      };
    }
  }
  for (const d of range(shape.domains)) {
    resources[`domain-${d}`] = { type: "Domain", args: { organizationId: org, domain: domainOf(slug, d) } };
  }
  for (const i of range(shape.organizationIntegrations)) {
    resources[`slack-${i}`] = {
      type: "Integration",
      args: {
        organizationId: org,
        type: "slack",
        config: { team_id: "T0BENCH", channel: `#channel-${i}` },
        secrets: { bot_token: { $secret: `xoxb-bench-${i}` } },
      },
    };
  }
  for (const i of range(shape.workspaceIntegrations)) {
    resources[`github-${i}`] = {
      type: "Integration",
      args: {
        workspaceId: { $ref: `ws-${i % shape.workspaces}` },
        type: "github",
        config: { org: `repo-owner-${i}` },
        secrets: { webhook_secret: { $secret: `whsec-bench-${i}` } },
      },
    };
  }
  return { resources };
}

/** The organization in HCL, with `count` so that Terraform's graph has the same shape as Pulumi's. */
export function terraformConfig(shape: OrganizationShape, slug: string): string {
  const perMember = shape.workspacesPerMember;
  const stride = Math.floor(shape.workspaces / perMember);
  return `
resource "scrums_organization" "org" {
  name = "Org ${slug}"
  slug = "${slug}"
}

resource "scrums_workspace" "ws" {
  count           = ${shape.workspaces}
  organization_id = scrums_organization.org.id
  name            = "Workspace \${count.index}"
  slug            = "ws-\${count.index}"
}

resource "scrums_organization_member" "member" {
  count           = ${shape.members}
  organization_id = scrums_organization.org.id
  email           = "member-\${count.index}@${slug}.example"
  role            = "${ORG_ROLE}"
}

resource "scrums_workspace_member" "membership" {
  count             = ${shape.members * perMember}
  workspace_id      = scrums_workspace.ws[(floor(count.index / ${perMember}) + (count.index % ${perMember}) * ${stride}) % ${shape.workspaces}].id
  user_id           = scrums_organization_member.member[floor(count.index / ${perMember})].user_id
  role              = "${WORKSPACE_ROLE}"
  organization_role = "${ORG_ROLE}"
}

resource "scrums_domain" "domain" {
  count           = ${shape.domains}
  organization_id = scrums_organization.org.id
  domain          = "d\${count.index}.${slug}.example"
}

resource "scrums_integration" "slack" {
  count           = ${shape.organizationIntegrations}
  organization_id = scrums_organization.org.id
  type            = "slack"
  config          = { team_id = "T0BENCH", channel = "#channel-\${count.index}" }
  secrets         = { bot_token = "xoxb-bench-\${count.index}" }
}

resource "scrums_integration" "github" {
  count        = ${shape.workspaceIntegrations}
  workspace_id = scrums_workspace.ws[count.index % ${shape.workspaces}].id
  type         = "github"
  config       = { org = "repo-owner-\${count.index}" }
  secrets      = { webhook_secret = "whsec-bench-\${count.index}" }
}
`;
}

/**
 * The API calls that create the organization and nothing else, in dependency order, for a load
 * tool to issue: each step's requests may run concurrently once the previous step is done.
 */
export interface CreateRequest {
  path: string;
  body: unknown;
}
export function createSteps(shape: OrganizationShape, slug: string) {
  return {
    organization: { path: "/v1/orgs", body: { name: `Org ${slug}`, slug } },
    underOrganization: (orgId: string): CreateRequest[] => [
      ...range(shape.workspaces).map((w) => ({
        path: "/v1/workspaces",
        body: { organization_id: orgId, name: `Workspace ${w}`, slug: workspaceSlug(w) },
      })),
      ...range(shape.members).map((m) => ({
        path: `/v1/orgs/${orgId}/members`,
        body: { email: emailOf(slug, m), role: ORG_ROLE },
      })),
      ...range(shape.domains).map((d) => ({ path: `/v1/orgs/${orgId}/domains`, body: { domain: domainOf(slug, d) } })),
      ...range(shape.organizationIntegrations).map((i) => ({
        path: "/v1/integrations",
        body: {
          organization_id: orgId,
          type: "slack",
          config: { team_id: "T0BENCH", channel: `#channel-${i}`, bot_token: `xoxb-bench-${i}` },
        },
      })),
    ],
    /** Given the workspace ids in order and the member user ids in order. */
    underWorkspaces: (workspaceIds: string[], userIds: string[]): CreateRequest[] => [
      ...range(shape.members).flatMap((m) =>
        workspacesOf(shape, m).map((w) => ({
          path: `/v1/workspaces/${workspaceIds[w]}/members`,
          body: { user_id: userIds[m], role: WORKSPACE_ROLE },
        })),
      ),
      ...range(shape.workspaceIntegrations).map((i) => ({
        path: "/v1/integrations",
        body: {
          workspace_id: workspaceIds[i % shape.workspaces],
          type: "github",
          config: { org: `repo-owner-${i}`, webhook_secret: `whsec-bench-${i}` },
        },
      })),
    ],
  };
}

/** Reads a whole collection through the API. */
export type ListAll = (path: string, query?: Record<string, string>) => Promise<Array<Record<string, unknown>>>;

/**
 * Every difference between the platform and the declaration: objects missing, duplicated, unexpected
 * or different. Empty when the platform holds exactly the declared organization.
 */
export async function differences(listAll: ListAll, shape: OrganizationShape, slug: string): Promise<string[]> {
  const want = expected(shape, slug);
  const problems: string[] = [];
  const orgs = (await listAll("/v1/orgs")).filter((o) => o.slug === slug && o.status !== "closed");
  if (orgs.length !== 1) return [`${orgs.length} open organizations with slug ${slug}`];
  const orgId = String(orgs[0]!.id);

  const compareSets = (what: string, actual: string[], declared: Iterable<string>) => {
    const wanted = [...declared];
    const counts = new Map<string, number>();
    for (const value of actual) counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const value of wanted) if (!counts.has(value)) problems.push(`${what}: ${value} missing`);
    const wantedSet = new Set(wanted);
    for (const [value, n] of counts) {
      if (!wantedSet.has(value)) problems.push(`${what}: ${value} not declared`);
      else if (n > 1) problems.push(`${what}: ${value} ${n} times`);
    }
  };

  const workspaces = (await listAll("/v1/workspaces", { organization_id: orgId })).filter((w) => w.status === "active");
  compareSets(
    "workspace",
    workspaces.map((w) => String(w.slug)),
    want.workspaces,
  );
  const members = await listAll(`/v1/orgs/${orgId}/members`);
  // The organization's owner is the token's user, made with it, and not part of the declaration.
  const declaredMembers = members.filter((m) => m.role !== "owner");
  compareSets(
    "member",
    declaredMembers.map((m) => String(m.email)),
    want.members.keys(),
  );
  for (const m of declaredMembers)
    if (want.members.has(String(m.email)) && m.role !== want.members.get(String(m.email)))
      problems.push(`member ${String(m.email)}: role ${String(m.role)}`);
  const emailOfUser = new Map(members.map((m) => [String(m.user_id), String(m.email)]));
  for (const ws of workspaces) {
    const inWorkspace = (await listAll(`/v1/workspaces/${String(ws.id)}/members`)).filter((m) =>
      emailOfUser.get(String(m.user_id))?.endsWith(`@${slug}.example`),
    );
    compareSets(
      `membership of ${String(ws.slug)}`,
      inWorkspace.map((m) => emailOfUser.get(String(m.user_id))!),
      want.memberships.get(String(ws.slug)) ?? [],
    );
  }
  compareSets(
    "domain",
    (await listAll(`/v1/orgs/${orgId}/domains`)).map((d) => String(d.domain)),
    want.domains,
  );
  const slugOfWorkspace = new Map(workspaces.map((w) => [String(w.id), String(w.slug)]));
  const integrations = await listAll("/v1/integrations", { organization_id: orgId });
  const owners = new Map<string, number>();
  for (const i of integrations) {
    const owner = `${i.workspace_id === null ? "organization" : slugOfWorkspace.get(String(i.workspace_id))}/${String(i.type)}`;
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
  }
  for (const owner of new Set([...owners.keys(), ...want.integrations.keys()])) {
    if (owners.get(owner) !== want.integrations.get(owner))
      problems.push(`integrations ${owner}: ${owners.get(owner) ?? 0}, declared ${want.integrations.get(owner) ?? 0}`);
  }
  return problems;
}
