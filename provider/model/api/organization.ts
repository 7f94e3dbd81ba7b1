import { z } from "zod";
import { Country, Currency, DisplayName, Email, OrganizationId, Slug, Timestamp, UserId } from "./common";

export const ORG_ROLES = ["owner", "admin", "billing", "viewer"] as const;
export const OrgRole = z.enum(ORG_ROLES, { error: `must be one of ${ORG_ROLES.join(", ")}` });
export type OrgRole = z.infer<typeof OrgRole>;

export const PlanId = z
  .string()
  .regex(/^plan_[a-z0-9_]+$/, { error: "must be a plan id such as plan_enterprise_annual" });

export const OrganizationSettings = z
  .object({
    enforce_sso: z
      .boolean()
      .describe("Every user must sign in through SSO. Needs a verified domain with SSO configured."),
    require_mfa: z.boolean().describe("Every user must use multi-factor authentication."),
    default_currency: Currency.describe("ISO 4217 code used for billing and new workspaces."),
  })
  .meta({ id: "OrganizationSettings" });

export const OrganizationSettingsInput = z.strictObject({
  enforce_sso: z.boolean().optional(),
  require_mfa: z.boolean().optional(),
  default_currency: Currency.optional(),
});

const addressFields = {
  line1: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(100),
  postal_code: z.string().trim().min(1).max(20),
  country: Country,
};

export const Address = z
  .object({
    ...addressFields,
    line2: z.string().nullable(),
    state: z.string().nullable(),
    tax_id: z.string().nullable(),
    tax_id_type: z.string().nullable(),
  })
  .meta({ id: "Address" });

export const PutAddress = z
  .strictObject({
    ...addressFields,
    line2: z.string().trim().max(200).nullable().optional(),
    state: z.string().trim().max(100).nullable().optional(),
    tax_id: z.string().trim().max(50).nullable().optional(),
    tax_id_type: z
      .string()
      .regex(/^[a-z]{2}_[a-z]+$/, { error: "must be a tax id type such as eu_vat, gb_vat or us_ein" })
      .nullable()
      .optional(),
  })
  .meta({
    id: "PutAddress",
    examples: [{ line1: "1 Long Street", city: "Cape Town", postal_code: "8001", country: "ZA" }],
  });

export const ORGANIZATION_STATUSES = ["active", "suspended", "closed"] as const;

export const Organization = z
  .object({
    id: OrganizationId,
    name: z.string(),
    slug: z.string(),
    status: z.enum(ORGANIZATION_STATUSES),
    plan_id: z.string(),
    owner_id: UserId,
    billing_email: Email.nullable().describe("Null means invoices go to the oldest owner's email."),
    settings: OrganizationSettings,
    address: Address.nullable(),
    workspace_count: z.int().describe("Number of active workspaces."),
    active_service_lines: z.int(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({
    id: "Organization",
    examples: [
      {
        id: "ORG-26-090500",
        name: "Apex Digital Ltd",
        slug: "apex-digital",
        status: "active",
        plan_id: "plan_enterprise_annual",
        owner_id: "USR-26-000001",
        billing_email: "billing@apexdigital.com",
        settings: { enforce_sso: true, require_mfa: true, default_currency: "USD" },
        address: null,
        workspace_count: 4,
        active_service_lines: 11,
        created_at: "2024-03-01T10:00:00Z",
        updated_at: "2026-04-01T09:22:00Z",
      },
    ],
  });
export type Organization = z.infer<typeof Organization>;

export const CreateOrganization = z
  .strictObject({
    name: DisplayName,
    slug: Slug.describe("Globally unique and immutable."),
    billing_email: Email.nullable().optional(),
    owner_id: UserId.optional().describe("Defaults to the caller; made an `owner` member."),
    plan_id: PlanId.optional(),
    settings: OrganizationSettingsInput.optional(),
  })
  .meta({
    id: "CreateOrganization",
    examples: [
      {
        name: "Apex Digital Ltd",
        slug: "apex-digital",
        billing_email: "billing@apexdigital.com",
        owner_id: "USR-26-000001",
      },
    ],
  });

export const UpdateOrganization = z
  .strictObject({
    name: DisplayName.optional(),
    slug: Slug.optional().describe("Immutable: accepted only when unchanged."),
    billing_email: Email.nullable().optional(),
    plan_id: PlanId.optional(),
    settings: OrganizationSettingsInput.optional(),
  })
  .meta({
    id: "UpdateOrganization",
    examples: [
      { name: "Apex Digital Group", settings: { enforce_sso: true, require_mfa: true, default_currency: "GBP" } },
    ],
  });

export const Role = z
  .object({
    role: OrgRole,
    description: z.string(),
    permissions: z.array(z.string()),
  })
  .meta({ id: "Role" });
