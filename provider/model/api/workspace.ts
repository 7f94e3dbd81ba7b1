import { z } from "zod";
import { Currency, DisplayName, Email, OrganizationId, Slug, Timestamp, UserId, WorkspaceId } from "./common";
import { MEMBER_STATUSES } from "./member";
import type { OrgRole } from "./organization";

export const WorkspaceSettings = z
  .object({
    default_currency: Currency,
    require_task_service_line: z.boolean().describe("Every task must name the Service Line it is billed to."),
  })
  .meta({ id: "WorkspaceSettings" });

export const WorkspaceSettingsInput = z.strictObject({
  default_currency: Currency.optional(),
  require_task_service_line: z.boolean().optional(),
});

export const WORKSPACE_STATUSES = ["active", "archived"] as const;

export const Workspace = z
  .object({
    id: WorkspaceId,
    organization_id: OrganizationId,
    name: z.string(),
    slug: z.string(),
    status: z.enum(WORKSPACE_STATUSES),
    settings: WorkspaceSettings,
    member_count: z.int(),
    active_service_lines: z.int(),
    health_score: z.int().min(0).max(100),
    cost_mtd: z.number(),
    currency: Currency,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({
    id: "Workspace",
    examples: [
      {
        id: "WS-26-000021",
        organization_id: "ORG-26-090500",
        name: "Platform Engineering",
        slug: "platform-engineering",
        status: "active",
        settings: { default_currency: "USD", require_task_service_line: true },
        member_count: 14,
        active_service_lines: 6,
        health_score: 87,
        cost_mtd: 142650.0,
        currency: "USD",
        created_at: "2024-03-15T10:00:00Z",
        updated_at: "2026-04-01T09:00:00Z",
      },
    ],
  });
export type Workspace = z.infer<typeof Workspace>;

export const CreateWorkspace = z
  .strictObject({
    organization_id: OrganizationId,
    name: DisplayName,
    slug: Slug.describe("Unique within the organization and immutable."),
    settings: WorkspaceSettingsInput.optional(),
  })
  .meta({
    id: "CreateWorkspace",
    examples: [{ organization_id: "ORG-26-090500", name: "Platform Engineering", slug: "platform-engineering" }],
  });

export const UpdateWorkspace = z
  .strictObject({
    name: DisplayName.optional(),
    slug: Slug.optional().describe("Immutable: accepted only when unchanged."),
    organization_id: OrganizationId.optional().describe("Immutable: accepted only when unchanged."),
    settings: WorkspaceSettingsInput.optional(),
  })
  .meta({
    id: "UpdateWorkspace",
    examples: [{ name: "Platform & Infrastructure Engineering", settings: { require_task_service_line: true } }],
  });

export const WORKSPACE_ROLES = ["admin", "member", "viewer"] as const;
export const WorkspaceRole = z.enum(WORKSPACE_ROLES, { error: `must be one of ${WORKSPACE_ROLES.join(", ")}` });
export type WorkspaceRole = z.infer<typeof WorkspaceRole>;

/** The highest workspace role each organization role allows; org owners and admins reach every workspace anyway. */
export const WORKSPACE_ROLE_CEILING: Record<OrgRole, WorkspaceRole> = {
  owner: "admin",
  admin: "admin",
  billing: "member",
  viewer: "viewer",
};

/** Whether `role` is within what `orgRole` allows. */
export const workspaceRoleAllowed = (orgRole: OrgRole, role: WorkspaceRole) =>
  WORKSPACE_ROLES.indexOf(role) >= WORKSPACE_ROLES.indexOf(WORKSPACE_ROLE_CEILING[orgRole]);

export const WorkspaceMember = z
  .object({
    user_id: UserId,
    name: z.string().nullable(),
    email: Email,
    role: WorkspaceRole,
    status: z.enum(MEMBER_STATUSES).describe("The user's organization membership status."),
    joined_at: Timestamp,
  })
  .meta({
    id: "WorkspaceMember",
    examples: [
      {
        user_id: "USR-26-000044",
        name: "Sam Rivera",
        email: "sam@apexdigital.com",
        role: "admin",
        status: "active",
        joined_at: "2024-03-15T10:00:00Z",
      },
    ],
  });
export type WorkspaceMember = z.infer<typeof WorkspaceMember>;

export const AddWorkspaceMember = z
  .strictObject({ user_id: UserId, role: WorkspaceRole })
  .meta({ id: "AddWorkspaceMember", examples: [{ user_id: "USR-26-000081", role: "member" }] });

export const UpdateWorkspaceMember = z.strictObject({ role: WorkspaceRole }).meta({ id: "UpdateWorkspaceMember" });
