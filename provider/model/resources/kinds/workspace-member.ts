import { z } from "zod";
import { UserId, WorkspaceId } from "../../api/common";
import { MEMBER_STATUSES } from "../../api/member";
import { OrgRole } from "../../api/organization";
import { WORKSPACE_ROLE_CEILING, WORKSPACE_ROLES, WorkspaceRole, workspaceRoleAllowed } from "../../api/workspace";
import { defineKind, lifecycleFields, parentField } from "../kind";

/** The user's own values, which a change of their workspace role leaves alone. */
const BY_THE_USER: readonly string[] = [];

export const WorkspaceMember = defineKind({
  name: "WorkspaceMember",
  terraformType: "scrums_workspace_member",
  description:
    "A user's role in one workspace. The user must already be an organization member, and the role may not exceed what their " +
    "organization role allows (owner and admin: admin; billing: member; viewer: viewer).",
  importId: "`WS-…/USR-…`",
  idFields: ["workspaceId", "userId"],
  fields: {
    workspaceId: parentField(WorkspaceId, "The workspace. Cannot change: another workspace replaces the membership."),
    userId: {
      type: UserId,
      role: "required",
      api: "user_id",
      immutable: true,
      description:
        "The user (`USR-…`), usually an OrganizationMember's `userId`. Cannot change: another user replaces the membership.",
    },
    role: { type: WorkspaceRole, role: "required", api: "role", description: "`admin`, `member` or `viewer`." },
    organizationRole: {
      type: OrgRole,
      role: "optional",
      context: true,
      description:
        "The user's organization role, so a role above it fails before anything is sent. Pulumi fills it in from the " +
        "OrganizationMember whose `userId` is passed; in Terraform, pass that member's `role`.",
    },
    email: {
      type: z.string(),
      role: "computed",
      changedBy: BY_THE_USER,
      api: "email",
      description: "The user's email.",
    },
    name: {
      type: z.string().nullable(),
      role: "computed",
      changedBy: BY_THE_USER,
      api: "name",
      description: "The user's name, once known.",
    },
    status: {
      type: z.enum(MEMBER_STATUSES),
      role: "computed",
      changedBy: BY_THE_USER,
      api: "status",
      description: "The user's organization membership status.",
    },
    joinedAt: {
      type: z.string(),
      role: "computed",
      changedBy: [],
      api: "joined_at",
      description: "When the user was added to the workspace.",
    },
    ...lifecycleFields("removes the user from the workspace", "user in the workspace"),
  },
  rules: (declared, { isUnknown }) => {
    const orgRole = declared.organizationRole as OrgRole | undefined;
    const role = declared.role as WorkspaceRole | undefined;
    if (!orgRole || !role || isUnknown(orgRole) || isUnknown(role) || workspaceRoleAllowed(orgRole, role)) return [];
    const ceiling = WORKSPACE_ROLE_CEILING[orgRole];
    const allowed = WORKSPACE_ROLES.slice(WORKSPACE_ROLES.indexOf(ceiling));
    return [
      { field: "role", reason: `exceeds the user's organization role ${orgRole}: allowed are ${allowed.join(", ")}` },
    ];
  },
});
