/** Rules on who holds power in an organization. */
import { z } from "zod";
import { declared, effective, isKnown } from "../plan";
import { defineRule } from "../rule";
import { describe, exemptOrganizations, inOrganization, isExempt, organizationOf } from "./common";

const PRIVILEGED_ROLES = ["owner", "admin"];

const emailDomainOf = (email: unknown) =>
  typeof email === "string" ? email.slice(email.lastIndexOf("@") + 1).toLowerCase() : undefined;

export const privilegedMembersOnOrganizationDomains = defineRule({
  id: "privileged-members-on-organization-domains",
  title: "Owners and admins use the organization's own email domains",
  description:
    "An owner or admin signs in with an email on one of the organization's domains (those the run declares for it, or listed in " +
    "`allowedEmailDomains`), so their access goes through the organization's identity provider and ends when they leave.",
  defaultLevel: "mandatory",
  config: z.object({
    allowedEmailDomains: z
      .array(z.string())
      .default([])
      .describe("Email domains allowed for owners and admins besides the organization's declared domains."),
    exemptOrganizations,
  }),
  check(plan, config) {
    return declared(plan, "OrganizationMember")
      .filter((member) => PRIVILEGED_ROLES.includes(effective(member, "role") as string))
      .flatMap((member) => {
        const org = organizationOf(plan, member);
        if (isExempt(org, config.exemptOrganizations)) return [];
        const orgDomains = org ? inOrganization(plan, "Domain", org).map((domain) => domain.properties.domain) : [];
        const allowed = [
          ...orgDomains.filter(isKnown).map((domain) => String(domain).toLowerCase()),
          ...config.allowedEmailDomains.map((d) => d.toLowerCase()),
        ];
        const emailDomain = emailDomainOf(member.properties.email);
        // Nothing to compare with, or an email not known yet: not this rule's call.
        if (allowed.length === 0 || emailDomain === undefined || allowed.includes(emailDomain)) return [];
        return [
          {
            resource: member,
            field: "email",
            message: `${effective(member, "role")} ${describe(member)} must have an email on one of ${allowed.join(", ")}`,
          },
        ];
      });
  },
  example: {
    stops: "an admin invited as `ana@gmail.com` into an organization whose domain is `acme.com`",
    says: "admin ana@gmail.com (ana) must have an email on one of acme.com",
  },
});

export const organizationKeepsOwner = defineRule({
  id: "organization-keeps-owner",
  title: "An organization keeps at least one owner",
  description:
    "A run that removes or demotes an owner leaves another owner among the organization's members it declares. It needs the " +
    "platform's current roles, which a Terraform plan carries; a Pulumi preview does not show removals or earlier values.",
  defaultLevel: "mandatory",
  config: z.object({ exemptOrganizations }),
  check(plan, config) {
    const losing = plan.resources.filter(
      (member) =>
        member.kind === "OrganizationMember" &&
        member.prior?.role === "owner" &&
        (member.action === "delete" || effective(member, "role") !== "owner"),
    );
    return losing
      .filter((member) => {
        const org = organizationOf(plan, member);
        if (isExempt(org, config.exemptOrganizations)) return false;
        const remaining = org ? inOrganization(plan, "OrganizationMember", org) : [];
        return !remaining.some((other) => effective(other, "role") === "owner");
      })
      .map((member) => ({
        resource: member,
        field: "role",
        message: `${member.action === "delete" ? "removing" : "demoting"} ${describe(member)} leaves the organization without an owner: declare another owner first`,
      }));
  },
  example: {
    stops: "removing the only owner's `OrganizationMember`, or changing its `role` to `admin`",
    says: "demoting ana@acme.com (ana) leaves the organization without an owner: declare another owner first",
  },
});
