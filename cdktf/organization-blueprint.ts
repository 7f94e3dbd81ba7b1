/**
 * An organization declared in one place: the organization, its domains with SSO, its workspaces, its
 * members with their workspace roles, and its integrations, wired in the order the platform needs.
 */
import type { TerraformMetaArguments, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Domain, type DomainConfig } from "./providers/scrums/domain";
import { Integration, type IntegrationConfig } from "./providers/scrums/integration";
import { Organization, type OrganizationConfig } from "./providers/scrums/organization";
import { OrganizationMember, type OrganizationMemberConfig } from "./providers/scrums/organization-member";
import { Workspace, type WorkspaceConfig } from "./providers/scrums/workspace";
import { WorkspaceMember } from "./providers/scrums/workspace-member";

type Settings<Config, Wired extends keyof Config = never> = Omit<Config, keyof TerraformMetaArguments | Wired>;

export type OrganizationSettings = Settings<OrganizationConfig, "plannedSsoDomains">;
/** A domain of the organization; its name is the key it is declared under. */
export type DomainSettings = Settings<DomainConfig, "organizationId" | "domain">;
export type WorkspaceSettings = Settings<WorkspaceConfig, "organizationId">;

/** A member of the organization, declared under their email. */
export interface MemberSettings extends Settings<OrganizationMemberConfig, "organizationId" | "email"> {
  /** Their role in workspaces of this blueprint, by the key the workspace is declared under. */
  readonly workspaces?: Record<string, string>;
}

/** An integration of a workspace of this blueprint (`workspace`), or of the organization when it names none. */
export interface IntegrationSettings extends Settings<IntegrationConfig, "organizationId" | "workspaceId"> {
  readonly workspace?: string;
}

export interface OrganizationBlueprintProps {
  readonly organization: OrganizationSettings;
  /** By domain name. */
  readonly domains?: Record<string, DomainSettings>;
  /** By a key of your choice, which members and integrations use to name the workspace. */
  readonly workspaces?: Record<string, WorkspaceSettings>;
  /** By email. */
  readonly members?: Record<string, MemberSettings>;
  /** By a key of your choice. */
  readonly integrations?: Record<string, IntegrationSettings>;
  /** The `scrums` provider to use, when the stack has more than one. */
  readonly provider?: TerraformProvider;
}

const enforcesSso = (domain: DomainSettings) => domain.ssoEnforcement !== undefined && domain.ssoEnforcement !== "none";

/** Construct ids may not contain the path separator. */
const idOf = (key: string) => key.replace(/\//g, "_");

/**
 * The order it wires: domains after the organization; an organization that enforces SSO names its SSO
 * domains (`planned_sso_domains`), so the provider turns enforcement on once the first of them is
 * verified and configured, in the same apply; members are invited once every SSO domain is in place,
 * so they join through the identity provider; workspace roles follow their member and carry the
 * member's organization role, which lets a role above its ceiling fail at plan.
 */
export class OrganizationBlueprint extends Construct {
  readonly organization: Organization;
  readonly domains: Record<string, Domain> = {};
  readonly workspaces: Record<string, Workspace> = {};
  readonly members: Record<string, OrganizationMember> = {};
  /** By `<workspace key>/<email>`. */
  readonly workspaceMembers: Record<string, WorkspaceMember> = {};
  readonly integrations: Record<string, Integration> = {};

  constructor(scope: Construct, id: string, props: OrganizationBlueprintProps) {
    super(scope, id);
    const { provider } = props;
    const domains = Object.entries(props.domains ?? {});
    const ssoDomains = domains.filter(([, domain]) => enforcesSso(domain)).map(([name]) => name);

    this.organization = new Organization(this, "organization", {
      ...props.organization,
      ...(props.organization.enforceSso === true && ssoDomains.length > 0 ? { plannedSsoDomains: ssoDomains } : {}),
      provider,
    });
    const organizationId = this.organization.id;

    for (const [name, settings] of domains) {
      this.domains[name] = new Domain(this, `domain-${idOf(name)}`, {
        ...settings,
        organizationId,
        domain: name,
        provider,
      });
    }
    for (const [key, settings] of Object.entries(props.workspaces ?? {})) {
      this.workspaces[key] = new Workspace(this, `workspace-${idOf(key)}`, { ...settings, organizationId, provider });
    }
    const ssoDomainResources = ssoDomains.map((name) => this.domains[name]!);
    for (const [email, { workspaces, ...settings }] of Object.entries(props.members ?? {})) {
      const member = new OrganizationMember(this, `member-${idOf(email)}`, {
        ...settings,
        organizationId,
        email,
        dependsOn: ssoDomainResources,
        provider,
      });
      this.members[email] = member;
      for (const [workspaceKey, role] of Object.entries(workspaces ?? {})) {
        const workspace = this.workspaceNamed(workspaceKey, `members["${email}"].workspaces`);
        this.workspaceMembers[`${workspaceKey}/${email}`] = new WorkspaceMember(
          this,
          `workspace-member-${idOf(workspaceKey)}-${idOf(email)}`,
          {
            workspaceId: workspace.id,
            userId: member.userId,
            role,
            organizationRole: member.role,
            provider,
          },
        );
      }
    }
    for (const [key, { workspace, ...settings }] of Object.entries(props.integrations ?? {})) {
      const owner =
        workspace === undefined
          ? { organizationId }
          : { workspaceId: this.workspaceNamed(workspace, `integrations["${key}"].workspace`).id };
      this.integrations[key] = new Integration(this, `integration-${idOf(key)}`, { ...settings, ...owner, provider });
    }
  }

  private workspaceNamed(key: string, where: string): Workspace {
    const workspace = this.workspaces[key];
    if (!workspace) {
      const known =
        Object.keys(this.workspaces)
          .map((name) => `"${name}"`)
          .join(", ") || "none are declared";
      throw new Error(
        `${this.node.path}: ${where} names the workspace "${key}", which this blueprint does not declare (workspaces: ${known})`,
      );
    }
    return workspace;
  }
}
