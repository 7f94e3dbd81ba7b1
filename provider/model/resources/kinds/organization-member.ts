import { z } from "zod";
import { Email, OrganizationId } from "../../api/common";
import { MEMBER_STATUSES } from "../../api/member";
import { OrgRole } from "../../api/organization";
import { defineKind, lifecycleFields, parentField } from "../kind";

const timestamp = (description: string) => ({ type: z.string().nullable(), role: "computed" as const, description });

/** Values no update of the membership changes: the user's id, what the user alone moves (accepting, their name). */
const NO_UPDATE: readonly string[] = [];
/** Values the engine's resending of an expired invitation moves. */
const RESENDING: readonly string[] = ["invitation"];

export const OrganizationMember = defineKind({
  name: "OrganizationMember",
  terraformType: "scrums_organization_member",
  description:
    "A member of an organization, invited by email. The member stays `invited` until the user accepts; an expired invitation " +
    "is reported in `invitationExpired` and sent again only when `resendExpiredInvitation` is set. Destroying it removes the " +
    "member, which the platform refuses for the last active owner.",
  importId: "`ORG-…/<email>` or `ORG-…/USR-…`",
  idFields: ["organizationId", "userId"],
  fields: {
    organizationId: parentField(
      OrganizationId,
      "The organization. Cannot change: another organization replaces the membership.",
    ),
    email: {
      type: Email.transform((email) => email.toLowerCase()),
      role: "required",
      api: "email",
      immutable: true,
      description:
        "The user's email, compared case-insensitively. Cannot change: another email replaces the membership.",
    },
    role: { type: OrgRole, role: "required", api: "role", description: "`owner`, `admin`, `billing` or `viewer`." },
    resendExpiredInvitation: {
      type: z.boolean(),
      role: "optional",
      default: false,
      description:
        "Send an expired invitation again on the next apply. Off by default, so a plan never churns invitations.",
    },
    userId: {
      type: z.string(),
      role: "computed",
      changedBy: NO_UPDATE,
      api: "user_id",
      description: "The user's id (`USR-…`), assigned at invitation.",
    },
    name: {
      type: z.string().nullable(),
      role: "computed",
      changedBy: NO_UPDATE,
      api: "name",
      description: "The user's name, once known.",
    },
    status: {
      type: z.enum(MEMBER_STATUSES),
      role: "computed",
      changedBy: NO_UPDATE,
      api: "status",
      description: "`invited` or `active`.",
    },
    invitedAt: { ...timestamp("When the invitation was last sent."), changedBy: RESENDING, api: "invited_at" },
    expiresAt: {
      ...timestamp("When a pending invitation lapses; null once joined."),
      changedBy: RESENDING,
      api: "expires_at",
    },
    joinedAt: { ...timestamp("When the user accepted; null while invited."), changedBy: NO_UPDATE, api: "joined_at" },
    invitationExpired: {
      type: z.boolean(),
      role: "computed",
      changedBy: RESENDING,
      description: "The invitation lapsed before the user accepted it.",
    },
    ...lifecycleFields("removes the member", "email in the organization"),
  },
});
