import { ApiError, forbidden, notFound } from "./errors";
import type { WorkspaceRole } from "../provider/model/api";
import type {
  OrganizationRecord,
  OrgMemberRecord,
  TokenRecord,
  WorkspaceMemberRecord,
  WorkspaceRecord,
} from "./records-types";
import type { Stored } from "./store/records";
import type { World } from "./world";

export type Need = "read" | "write" | "owner";

const ORG_WRITERS = new Set(["owner", "admin"]);

/**
 * What one token may see and do. Anything outside its scope is answered with 404, never 403, so a
 * token cannot learn that an object it may not see exists.
 */
export class Access {
  /** Whether any check of this token has refused it, even where a handler turned the refusal into another answer. */
  refused = false;

  constructor(
    private readonly world: World,
    readonly token: TokenRecord,
  ) {}

  private refuse(error: ApiError): never {
    this.refused = true;
    throw error;
  }

  get userId(): string {
    return this.token.user_id!;
  }

  /** The caller's active membership of an organization, if any. */
  membership(orgId: string): OrgMemberRecord | null {
    const member = this.world.records.get<OrgMemberRecord>("org_member", `${orgId}/${this.userId}`)?.body;
    return member?.status === "active" ? member : null;
  }

  /** Whether a listing shows the organization: visible, and not closed to this token by SSO enforcement. */
  listsOrganization(org: OrganizationRecord): boolean {
    return this.visibleMembership(org) !== null && !this.blockedBySso(org);
  }

  listsWorkspace(ws: WorkspaceRecord): boolean {
    if (this.visibleWorkspaceRole(ws) === null) return false;
    return !this.blockedBySso(this.world.records.get<OrganizationRecord>("organization", ws.organization_id)!.body);
  }

  /** Tokens scoped to one organization or workspace cannot make new organizations. */
  checkMayCreateOrganization(): void {
    if (this.token.organization_id || this.token.workspace_id) {
      this.refuse(forbidden("A token scoped to one organization or workspace cannot create organizations"));
    }
  }

  /** A key that tells apart the same user's tokens of different scopes. */
  get scopeKey(): string {
    return [this.userId, this.token.organization_id ?? "", this.token.workspace_id ?? ""].join("|");
  }

  /** The caller's membership of an organization its token may see, if any. */
  private visibleMembership(org: OrganizationRecord): OrgMemberRecord | null {
    if (this.token.workspace_id) return null;
    if (this.token.organization_id && this.token.organization_id !== org.id) return null;
    return this.membership(org.id);
  }

  organization(orgId: string, need: Need): Stored<OrganizationRecord> {
    const org = this.world.records.get<OrganizationRecord>("organization", orgId);
    const member = org && this.visibleMembership(org.body);
    if (!org || !member) this.refuse(notFound(`Organization ${orgId}`));
    this.checkSso(org.body);
    const role = member.role;
    if (need === "owner" && role !== "owner")
      this.refuse(forbidden(`Only an owner of ${orgId} may do this; you are ${role}`));
    if (need === "write" && !ORG_WRITERS.has(role)) {
      this.refuse(forbidden(`Changing ${orgId} needs the owner or admin role; you are ${role}`));
    }
    return org;
  }

  /** The caller's role in a workspace its token may see, if any. */
  private visibleWorkspaceRole(ws: WorkspaceRecord): WorkspaceRole | null {
    if (this.token.workspace_id) return this.token.workspace_id === ws.id ? this.workspaceRole(ws) : null;
    if (this.token.organization_id && this.token.organization_id !== ws.organization_id) return null;
    return this.workspaceRole(ws);
  }

  workspace(wsId: string, need: Exclude<Need, "owner">): Stored<WorkspaceRecord> {
    const ws = this.world.records.get<WorkspaceRecord>("workspace", wsId);
    const role = ws && this.visibleWorkspaceRole(ws.body);
    if (!ws || !role) this.refuse(notFound(`Workspace ${wsId}`));
    const org = this.world.records.get<OrganizationRecord>("organization", ws.body.organization_id)!;
    this.checkSso(org.body);
    if (need === "write" && role !== "admin") {
      this.refuse(
        forbidden(`Changing workspace ${wsId} needs the workspace admin role (or org owner/admin); you are ${role}`),
      );
    }
    return ws;
  }

  /** Org owners and admins act as workspace admins everywhere in their organization. */
  private workspaceRole(ws: WorkspaceRecord): WorkspaceRole | null {
    const orgRole = this.membership(ws.organization_id)?.role;
    if (!orgRole) return null;
    if (ORG_WRITERS.has(orgRole)) return "admin";
    return this.world.records.get<WorkspaceMemberRecord>("ws_member", `${ws.id}/${this.userId}`)?.body.role ?? null;
  }

  private blockedBySso(org: OrganizationRecord): boolean {
    return org.settings.enforce_sso && this.token.kind === "user" && !this.token.sso_session;
  }

  private checkSso(org: OrganizationRecord): void {
    if (this.blockedBySso(org)) {
      this.refuse(new ApiError(403, "sso_required", `${org.id} enforces SSO: sign in through your identity provider`));
    }
  }
}
