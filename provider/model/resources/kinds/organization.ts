import { z } from "zod";
import { Country, Currency, DisplayName, Email, UserId } from "../../api/common";
import { ORGANIZATION_STATUSES, PlanId, PutAddress } from "../../api/organization";
import { objectField } from "../field";
import { createdAt, defineKind, lifecycleFields, slugField } from "../kind";

const addressLine = (max: number) => z.string().trim().min(1, { error: "must not be empty" }).max(max);

export const Organization = defineKind({
  name: "Organization",
  terraformType: "scrums_organization",
  description:
    "An organization: the billing and security boundary that owns workspaces, members, domains and integrations. " +
    "Destroying it closes it, which the platform refuses while it has active workspaces.",
  importId: "`ORG-…`",
  fields: {
    name: { type: DisplayName, role: "required", api: "name", description: "Display name." },
    slug: slugField("Globally unique URL name. Cannot change: a new slug replaces the organization."),
    billingEmail: {
      type: Email,
      role: "optional",
      api: "billing_email",
      description:
        "Where invoices go. When absent, the platform's value is kept (by default, the oldest owner's email).",
    },
    planId: {
      type: PlanId,
      role: "optional",
      api: "plan_id",
      description: "The billing plan, such as `plan_enterprise_annual`. Kept as is when absent.",
    },
    ownerId: {
      type: UserId,
      role: "optional",
      api: "owner_id",
      createOnly: true,
      description:
        "The user made the first `owner` member. Defaults to the caller. Only read at creation: ownership then moves with " +
        "OrganizationMember roles, so a later difference is not a change.",
    },
    enforceSso: {
      type: z.boolean(),
      role: "optional",
      default: false,
      api: "settings.enforce_sso",
      sentIn: "updateOnly",
      description:
        "Every user must sign in through SSO. Needs a verified domain with SSO configured: on a new organization, declare that " +
        "Domain in the same program and SSO is enforced as soon as the domain is ready, in the apply in which it becomes " +
        "ready; until then `ssoEnforcementPending` is true.",
    },
    requireMfa: {
      type: z.boolean(),
      role: "optional",
      default: false,
      api: "settings.require_mfa",
      description: "Every user must use multi-factor authentication.",
    },
    defaultCurrency: {
      type: Currency,
      role: "optional",
      api: "settings.default_currency",
      description: "ISO 4217 code for billing and new workspaces. Kept as is when absent.",
    },
    address: objectField(
      {
        line1: { type: addressLine(200), role: "required", api: "line1", description: "First address line." },
        line2: { type: addressLine(200), role: "optional", api: "line2", description: "Second address line." },
        city: { type: addressLine(100), role: "required", api: "city", description: "City." },
        state: { type: addressLine(100), role: "optional", api: "state", description: "State, province or region." },
        postalCode: { type: addressLine(20), role: "required", api: "postal_code", description: "Postal code." },
        country: { type: Country, role: "required", api: "country", description: "ISO 3166-1 alpha-2 country code." },
        taxId: { type: addressLine(50), role: "optional", api: "tax_id", description: "Tax registration number." },
        taxIdType: {
          type: PutAddress.shape.tax_id_type.unwrap().unwrap(),
          role: "optional",
          api: "tax_id_type",
          description: "Kind of tax id, such as `eu_vat` or `us_ein`.",
        },
      },
      {
        role: "optional",
        api: "address",
        sentIn: "ownOperation",
        description: "The billing address. Kept as is when absent.",
      },
    ),
    plannedSsoDomains: {
      type: z.array(z.string()),
      role: "optional",
      context: true,
      description:
        "The domains declared with SSO for this organization in the same program, which let a new organization enforce " +
        "SSO once they are verified. Pulumi fills it in from the Domain resources; in Terraform, list their names.",
    },
    ssoEnforcementPending: {
      type: z.boolean(),
      role: "computed",
      description:
        "`enforceSso` is declared but the platform does not enforce SSO yet: it waits for a Domain in `plannedSsoDomains` to be " +
        "verified with SSO. While it is true, every plan shows the organization to update and every apply tries again; the " +
        "apply in which the domain becomes ready turns enforcement on. True only while the platform says enforcement is off.",
    },
    status: {
      type: z.enum(ORGANIZATION_STATUSES),
      role: "computed",
      changedBy: [],
      api: "status",
      description: "`active`, `suspended` or `closed`.",
    },
    createdAt,
    ...lifecycleFields("closes the organization", "slug"),
  },
  rules: (declared, { creating, isUnknown }) => {
    const planned = declared.plannedSsoDomains;
    if (
      creating &&
      declared.enforceSso === true &&
      !isUnknown(planned) &&
      ((planned as string[] | undefined) ?? []).length === 0
    ) {
      return [
        {
          field: "enforceSso",
          reason:
            "a new organization can enforce SSO only through a verified domain with SSO configured: declare a Domain for it " +
            "with ssoEnforcement set (and waitForVerification), or create the organization with enforceSso: false first",
        },
      ];
    }
    return [];
  },
});
