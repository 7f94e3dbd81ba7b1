/**
 * Every endpoint of the platform API, declared once. The emulator serves exactly these routes and
 * validates their requests with these schemas; the OpenAPI document is generated from this table.
 */
import { z } from "zod";
import {
  DomainId,
  type ErrorCode,
  IntegrationId,
  list,
  OrganizationId,
  PageQuery,
  single,
  UserId,
  WorkspaceId,
} from "./common";
import { CreateDomain, Domain, ScimLogEntry, ScimToken, UpdateDomain } from "./domain";
import { CreateIntegration, Integration, UpdateEnvironmentMapping, UpdateIntegration } from "./integration";
import { BulkInvite, BulkInviteItem, InviteMember, OrganizationMember, UpdateMember } from "./member";
import { Address, CreateOrganization, Organization, PutAddress, Role, UpdateOrganization } from "./organization";
import {
  AddWorkspaceMember,
  CreateWorkspace,
  UpdateWorkspace,
  UpdateWorkspaceMember,
  Workspace,
  WorkspaceMember,
} from "./workspace";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Route {
  operationId: string;
  method: HttpMethod;
  /** A path template, each parameter a segment of its own: `/v1/orgs/:org_id`. */
  path: string;
  tag: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and its body; null for 204. */
  status: 200 | 201 | 204;
  response: z.ZodType | null;
  /** The error codes this route can answer with, beyond authentication and validation. */
  errors: readonly ErrorCode[];
}

const OrgParams = z.strictObject({ org_id: OrganizationId });
const OrgMemberParams = z.strictObject({ org_id: OrganizationId, user_id: UserId });
const WorkspaceParams = z.strictObject({ ws_id: WorkspaceId });
const WorkspaceMemberParams = z.strictObject({ ws_id: WorkspaceId, user_id: UserId });
const DomainParams = z.strictObject({ org_id: OrganizationId, domain_id: DomainId });
const IntegrationParams = z.strictObject({ integration_id: IntegrationId });

const WorkspaceListQuery = PageQuery.extend({
  organization_id: OrganizationId.optional().describe("Only this organization's workspaces."),
});
const IntegrationListQuery = PageQuery.extend({
  organization_id: OrganizationId.optional().describe("This organization's integrations, org- and workspace-level."),
  workspace_id: WorkspaceId.optional().describe("Only this workspace's integrations."),
});

export const ROUTES = [
  // Organizations
  {
    operationId: "listOrganizations",
    method: "GET",
    path: "/v1/orgs",
    tag: "Organizations",
    summary: "List the organizations the token can see.",
    query: PageQuery,
    status: 200,
    response: list(Organization),
    errors: [],
  },
  {
    operationId: "createOrganization",
    method: "POST",
    path: "/v1/orgs",
    tag: "Organizations",
    summary: "Create an organization; its owner becomes an `owner` member. No workspace is made.",
    body: CreateOrganization,
    status: 201,
    response: single(Organization),
    errors: ["slug_taken", "sso_not_configured"],
  },
  {
    operationId: "getOrganization",
    method: "GET",
    path: "/v1/orgs/:org_id",
    tag: "Organizations",
    summary: "Get an organization.",
    params: OrgParams,
    status: 200,
    response: single(Organization),
    errors: ["not_found"],
  },
  {
    operationId: "updateOrganization",
    method: "PATCH",
    path: "/v1/orgs/:org_id",
    tag: "Organizations",
    summary: "Update an organization's mutable fields. Honours `If-Match`.",
    params: OrgParams,
    body: UpdateOrganization,
    status: 200,
    response: single(Organization),
    errors: ["not_found", "immutable_field", "sso_not_configured", "precondition_failed", "organization_closed"],
  },
  {
    operationId: "closeOrganization",
    method: "DELETE",
    path: "/v1/orgs/:org_id",
    tag: "Organizations",
    summary: "Close an organization (`status: closed`). Refused while it has active workspaces.",
    params: OrgParams,
    status: 200,
    response: single(Organization),
    errors: ["not_found", "active_workspaces"],
  },
  {
    operationId: "getOrganizationAddress",
    method: "GET",
    path: "/v1/orgs/:org_id/address",
    tag: "Organizations",
    summary: "Get the billing address.",
    params: OrgParams,
    status: 200,
    response: single(Address),
    errors: ["not_found"],
  },
  {
    operationId: "putOrganizationAddress",
    method: "PUT",
    path: "/v1/orgs/:org_id/address",
    tag: "Organizations",
    summary: "Set the billing address.",
    params: OrgParams,
    body: PutAddress,
    status: 200,
    response: single(Address),
    errors: ["not_found", "organization_closed"],
  },
  {
    operationId: "listRoles",
    method: "GET",
    path: "/v1/orgs/:org_id/roles",
    tag: "Organizations",
    summary: "The fixed catalogue of organization roles and their permissions.",
    params: OrgParams,
    status: 200,
    response: list(Role),
    errors: ["not_found"],
  },

  // Organization members and invitations
  {
    operationId: "listMembers",
    method: "GET",
    path: "/v1/orgs/:org_id/members",
    tag: "Members",
    summary: "List an organization's members, invited and active.",
    params: OrgParams,
    query: PageQuery,
    status: 200,
    response: list(OrganizationMember),
    errors: ["not_found"],
  },
  {
    operationId: "inviteMember",
    method: "POST",
    path: "/v1/orgs/:org_id/members",
    tag: "Members",
    summary:
      "Invite a user by email. The member exists at once with status `invited`; the invitation lapses after 7 days.",
    params: OrgParams,
    body: InviteMember,
    status: 201,
    response: single(OrganizationMember),
    errors: ["not_found", "email_taken", "organization_closed"],
  },
  {
    operationId: "bulkInviteMembers",
    method: "POST",
    path: "/v1/orgs/:org_id/members/bulk",
    tag: "Members",
    summary: "Invite up to 100 users at once; answers per item.",
    params: OrgParams,
    body: BulkInvite,
    status: 200,
    response: z.object({ data: z.array(BulkInviteItem) }),
    errors: ["not_found", "organization_closed"],
  },
  {
    operationId: "getMember",
    method: "GET",
    path: "/v1/orgs/:org_id/members/:user_id",
    tag: "Members",
    summary: "Get one member.",
    params: OrgMemberParams,
    status: 200,
    response: single(OrganizationMember),
    errors: ["not_found"],
  },
  {
    operationId: "updateMember",
    method: "PATCH",
    path: "/v1/orgs/:org_id/members/:user_id",
    tag: "Members",
    summary: "Change a member's role. The last active owner cannot be demoted.",
    params: OrgMemberParams,
    body: UpdateMember,
    status: 200,
    response: single(OrganizationMember),
    errors: ["not_found", "last_owner", "precondition_failed"],
  },
  {
    operationId: "removeMember",
    method: "DELETE",
    path: "/v1/orgs/:org_id/members/:user_id",
    tag: "Members",
    summary: "Remove a member (and their workspace memberships). The last active owner cannot be removed.",
    params: OrgMemberParams,
    status: 204,
    response: null,
    errors: ["not_found", "last_owner"],
  },
  {
    operationId: "resendInvitation",
    method: "POST",
    path: "/v1/orgs/:org_id/members/:user_id/resend",
    tag: "Members",
    summary: "Send a pending invitation again; it lapses 7 days from now.",
    params: OrgMemberParams,
    status: 200,
    response: single(OrganizationMember),
    errors: ["not_found", "already_joined"],
  },

  // Workspaces
  {
    operationId: "listWorkspaces",
    method: "GET",
    path: "/v1/workspaces",
    tag: "Workspaces",
    summary: "List the workspaces the token can see.",
    query: WorkspaceListQuery,
    status: 200,
    response: list(Workspace),
    errors: [],
  },
  {
    operationId: "createWorkspace",
    method: "POST",
    path: "/v1/workspaces",
    tag: "Workspaces",
    summary: "Create a workspace; the caller becomes its `admin`.",
    body: CreateWorkspace,
    status: 201,
    response: single(Workspace),
    errors: ["organization_not_found", "slug_taken", "organization_closed"],
  },
  {
    operationId: "getWorkspace",
    method: "GET",
    path: "/v1/workspaces/:ws_id",
    tag: "Workspaces",
    summary: "Get a workspace with its current metrics.",
    params: WorkspaceParams,
    status: 200,
    response: single(Workspace),
    errors: ["not_found"],
  },
  {
    operationId: "updateWorkspace",
    method: "PATCH",
    path: "/v1/workspaces/:ws_id",
    tag: "Workspaces",
    summary: "Update a workspace's mutable fields. Honours `If-Match`.",
    params: WorkspaceParams,
    body: UpdateWorkspace,
    status: 200,
    response: single(Workspace),
    errors: ["not_found", "immutable_field", "workspace_archived", "precondition_failed"],
  },
  {
    operationId: "archiveWorkspace",
    method: "DELETE",
    path: "/v1/workspaces/:ws_id",
    tag: "Workspaces",
    summary: "Archive a workspace. Refused while it has active Service Lines.",
    params: WorkspaceParams,
    status: 200,
    response: single(Workspace),
    errors: ["not_found", "active_service_lines"],
  },

  // Workspace members
  {
    operationId: "listWorkspaceMembers",
    method: "GET",
    path: "/v1/workspaces/:ws_id/members",
    tag: "Workspace members",
    summary: "List a workspace's members.",
    params: WorkspaceParams,
    query: PageQuery,
    status: 200,
    response: list(WorkspaceMember),
    errors: ["not_found"],
  },
  {
    operationId: "addWorkspaceMember",
    method: "POST",
    path: "/v1/workspaces/:ws_id/members",
    tag: "Workspace members",
    summary: "Add an organization member to a workspace, with a role no higher than their organization role.",
    params: WorkspaceParams,
    body: AddWorkspaceMember,
    status: 201,
    response: single(WorkspaceMember),
    errors: ["not_found", "not_an_org_member", "role_exceeds_org_role", "already_a_member", "workspace_archived"],
  },
  {
    operationId: "getWorkspaceMember",
    method: "GET",
    path: "/v1/workspaces/:ws_id/members/:user_id",
    tag: "Workspace members",
    summary: "Get one workspace member.",
    params: WorkspaceMemberParams,
    status: 200,
    response: single(WorkspaceMember),
    errors: ["not_found"],
  },
  {
    operationId: "updateWorkspaceMember",
    method: "PATCH",
    path: "/v1/workspaces/:ws_id/members/:user_id",
    tag: "Workspace members",
    summary: "Change a workspace member's role.",
    params: WorkspaceMemberParams,
    body: UpdateWorkspaceMember,
    status: 200,
    response: single(WorkspaceMember),
    errors: ["not_found", "role_exceeds_org_role", "precondition_failed"],
  },
  {
    operationId: "removeWorkspaceMember",
    method: "DELETE",
    path: "/v1/workspaces/:ws_id/members/:user_id",
    tag: "Workspace members",
    summary: "Remove a user from a workspace.",
    params: WorkspaceMemberParams,
    status: 204,
    response: null,
    errors: ["not_found"],
  },

  // Domains
  {
    operationId: "listDomains",
    method: "GET",
    path: "/v1/orgs/:org_id/domains",
    tag: "Domains",
    summary: "List an organization's domains.",
    params: OrgParams,
    query: PageQuery,
    status: 200,
    response: list(Domain),
    errors: ["not_found"],
  },
  {
    operationId: "createDomain",
    method: "POST",
    path: "/v1/orgs/:org_id/domains",
    tag: "Domains",
    summary: "Claim a domain. It answers with the TXT record to publish before `verify`.",
    params: OrgParams,
    body: CreateDomain,
    status: 201,
    response: single(Domain),
    errors: ["not_found", "domain_taken", "organization_closed"],
  },
  {
    operationId: "getDomain",
    method: "GET",
    path: "/v1/orgs/:org_id/domains/:domain_id",
    tag: "Domains",
    summary: "Get a domain.",
    params: DomainParams,
    status: 200,
    response: single(Domain),
    errors: ["not_found"],
  },
  {
    operationId: "updateDomain",
    method: "PATCH",
    path: "/v1/orgs/:org_id/domains/:domain_id",
    tag: "Domains",
    summary: "Configure SSO, SAML, JIT provisioning and SCIM. All but `saml` need a verified domain.",
    params: DomainParams,
    body: UpdateDomain,
    status: 200,
    response: single(Domain),
    errors: [
      "not_found",
      "immutable_field",
      "domain_not_verified",
      "saml_incomplete",
      "sso_enforced",
      "precondition_failed",
    ],
  },
  {
    operationId: "deleteDomain",
    method: "DELETE",
    path: "/v1/orgs/:org_id/domains/:domain_id",
    tag: "Domains",
    summary: "Release a domain. Refused while the organization enforces SSO through it.",
    params: DomainParams,
    status: 204,
    response: null,
    errors: ["not_found", "sso_enforced"],
  },
  {
    operationId: "verifyDomain",
    method: "POST",
    path: "/v1/orgs/:org_id/domains/:domain_id/verify",
    tag: "Domains",
    summary: "Check the TXT record and mark the domain verified.",
    params: DomainParams,
    status: 200,
    response: single(Domain),
    errors: ["not_found", "verification_pending", "domain_taken"],
  },
  {
    operationId: "rotateScimToken",
    method: "POST",
    path: "/v1/orgs/:org_id/domains/:domain_id/scim/token",
    tag: "Domains",
    summary: "Issue a new SCIM bearer token, revoking the previous one. The token is shown only in this response.",
    params: DomainParams,
    status: 201,
    response: single(ScimToken),
    errors: ["not_found", "scim_disabled"],
  },
  {
    operationId: "listScimLogs",
    method: "GET",
    path: "/v1/orgs/:org_id/domains/:domain_id/scim/logs",
    tag: "Domains",
    summary: "SCIM provisioning events for a domain, newest last.",
    params: DomainParams,
    query: PageQuery,
    status: 200,
    response: list(ScimLogEntry),
    errors: ["not_found"],
  },

  // Integrations
  {
    operationId: "listIntegrations",
    method: "GET",
    path: "/v1/integrations",
    tag: "Integrations",
    summary: "List integrations the token can see.",
    query: IntegrationListQuery,
    status: 200,
    response: list(Integration),
    errors: [],
  },
  {
    operationId: "createIntegration",
    method: "POST",
    path: "/v1/integrations",
    tag: "Integrations",
    summary: "Connect an integration to a workspace or, with `organization_id`, to the whole organization.",
    body: CreateIntegration,
    status: 201,
    response: single(Integration),
    errors: ["organization_not_found", "workspace_not_found", "workspace_archived", "organization_closed"],
  },
  {
    operationId: "getIntegration",
    method: "GET",
    path: "/v1/integrations/:integration_id",
    tag: "Integrations",
    summary: "Get an integration; secret configuration reads `********`.",
    params: IntegrationParams,
    status: 200,
    response: single(Integration),
    errors: ["not_found"],
  },
  {
    operationId: "updateIntegration",
    method: "PATCH",
    path: "/v1/integrations/:integration_id",
    tag: "Integrations",
    summary: "Replace an integration's configuration. Honours `If-Match`.",
    params: IntegrationParams,
    body: UpdateIntegration,
    status: 200,
    response: single(Integration),
    errors: ["not_found", "immutable_field", "precondition_failed"],
  },
  {
    operationId: "deleteIntegration",
    method: "DELETE",
    path: "/v1/integrations/:integration_id",
    tag: "Integrations",
    summary: "Disconnect and delete an integration.",
    params: IntegrationParams,
    status: 204,
    response: null,
    errors: ["not_found"],
  },
  {
    operationId: "updateEnvironmentMapping",
    method: "PATCH",
    path: "/v1/integrations/:integration_id/environment-mapping",
    tag: "Integrations",
    summary: "Map platform environments onto a deployment integration's environments.",
    params: IntegrationParams,
    body: UpdateEnvironmentMapping,
    status: 200,
    response: single(Integration),
    errors: ["not_found", "not_a_deployment_integration"],
  },
] as const satisfies readonly Route[];

export type OperationId = (typeof ROUTES)[number]["operationId"];

declare const derived: unique symbol;

/**
 * A request body the model derives from a declaration. No operation's type describes it, so the
 * client checks it against the operation's body schema before sending it.
 */
export type DerivedBody = Record<string, unknown> & { readonly [derived]: true };

/** The route of one operation, with its schemas' own types. */
export type RouteOf<Op extends OperationId> = Extract<(typeof ROUTES)[number], { operationId: Op }>;

const BY_OPERATION = new Map<string, Route>(ROUTES.map((route) => [route.operationId, route]));

export const routeOf = <Op extends OperationId>(operationId: Op): RouteOf<Op> =>
  BY_OPERATION.get(operationId) as RouteOf<Op>;
