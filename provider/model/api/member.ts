import { z } from "zod";
import { DisplayName, Email, Timestamp, UserId } from "./common";
import { OrgRole } from "./organization";

export const MEMBER_STATUSES = ["invited", "active"] as const;
export const INVITATION_TTL_DAYS = 7;
export const BULK_INVITE_MAX = 100;

export const OrganizationMember = z
  .object({
    user_id: UserId,
    name: z.string().nullable(),
    email: Email,
    role: OrgRole,
    status: z.enum(MEMBER_STATUSES),
    invited_at: Timestamp.nullable(),
    expires_at: Timestamp.nullable().describe(
      `When a pending invitation lapses (${INVITATION_TTL_DAYS} days after it was sent); null once joined.`,
    ),
    joined_at: Timestamp.nullable(),
  })
  .meta({
    id: "OrganizationMember",
    examples: [
      {
        user_id: "USR-26-000001",
        name: "Jordan Ellis",
        email: "jordan@apexdigital.com",
        role: "owner",
        status: "active",
        invited_at: null,
        expires_at: null,
        joined_at: "2024-03-01T10:00:00Z",
      },
    ],
  });
export type OrganizationMember = z.infer<typeof OrganizationMember>;

export const InviteMember = z
  .strictObject({
    email: Email.describe("Matched case-insensitively; stored in lowercase."),
    role: OrgRole,
    name: DisplayName.optional(),
  })
  .meta({ id: "InviteMember", examples: [{ email: "alex@apexdigital.com", role: "admin" }] });

export const UpdateMember = z.strictObject({ role: OrgRole }).meta({ id: "UpdateMember" });

export const BulkInvite = z
  .strictObject({
    invitations: z
      .array(InviteMember)
      .min(1, { error: "must hold at least one invitation" })
      .max(BULK_INVITE_MAX, { error: `must hold at most ${BULK_INVITE_MAX} invitations` }),
  })
  .meta({ id: "BulkInvite" });

export const BulkInviteItem = z
  .object({
    email: z.string(),
    status: z.enum(["created", "error"]),
    member: OrganizationMember.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: "BulkInviteItem" });
