/** Rules on how people sign in: SSO and MFA on organizations and domains, SAML, provisioning. */
import { z } from "zod";
import { declared, effective, UNKNOWN, valueAt, type PlannedResource } from "../plan";
import { defineRule } from "../rule";
import { describe, exemptOrganizations, inOrganization, isExempt, organizationOf } from "./common";

const enforcesSso = (domain: PlannedResource) => {
  const enforcement = effective(domain, "ssoEnforcement");
  return enforcement === UNKNOWN || (enforcement !== undefined && enforcement !== "none");
};

export const ssoAndMfaEnforced = defineRule({
  id: "sso-and-mfa-enforced",
  title: "Organizations enforce SSO and require MFA",
  description: "Every organization sets `enforceSso` and `requireMfa`, so nobody signs in with a password alone.",
  defaultLevel: "mandatory",
  config: z.object({ exemptOrganizations }),
  check(plan, config) {
    return declared(plan, "Organization")
      .filter((org) => !isExempt(org, config.exemptOrganizations))
      .flatMap((org) =>
        (["enforceSso", "requireMfa"] as const)
          .filter((field) => effective(org, field) === false)
          .map((field) => ({
            resource: org,
            field,
            message: `organization ${describe(org)} must set ${field} to true`,
          })),
      );
  },
  remediate: (violation) => ({ [violation.field!]: true }),
  example: {
    stops: "an organization declared with `requireMfa: false`, or without `enforceSso`",
    says: "organization acme (acme) must set requireMfa to true",
  },
});

export const ssoLockoutGuard = defineRule({
  id: "sso-lockout-guard",
  title: "SSO is enforced only through a domain that can carry it",
  description:
    "An organization enforces SSO only when the run has a domain of it that is verified, or waits for its verification " +
    "(`waitForVerification`), with SSO configured. Otherwise nobody could sign in: the platform would refuse, or lock everyone out " +
    "when the last SSO domain goes.",
  defaultLevel: "mandatory",
  config: z.object({ exemptOrganizations }),
  check(plan, config) {
    return declared(plan, "Organization")
      .filter((org) => effective(org, "enforceSso") === true && !isExempt(org, config.exemptOrganizations))
      .filter((org) => {
        const domains = plan.resources.filter((r) => r.kind === "Domain" && organizationOf(plan, r) === org);
        // Enforced already, with its domains managed elsewhere: nothing in this run can lock anyone out.
        if (org.prior?.enforceSso === true && domains.length === 0) return false;
        const carriers = inOrganization(plan, "Domain", org).filter(
          (domain) =>
            enforcesSso(domain) &&
            (effective(domain, "waitForVerification") === true || domain.prior?.verified === true),
        );
        return carriers.length === 0;
      })
      .map((org) => ({
        resource: org,
        field: "enforceSso",
        message:
          `organization ${describe(org)} enforces SSO, but the run has no domain of it that is verified (or waits for verification) ` +
          "with ssoEnforcement saml, google or microsoft: declare one, or leave enforceSso false until it exists",
      }));
  },
  example: {
    stops: "`enforceSso: true` on an organization whose only domain has `ssoEnforcement: none`, or is being deleted",
    says: "organization acme (acme) enforces SSO, but the run has no domain of it that is verified (or waits for verification) with ssoEnforcement saml, google or microsoft: …",
  },
});

export const domainSsoEnforced = defineRule({
  id: "domain-sso-enforced",
  title: "Every domain enforces SSO",
  description:
    "A verified domain sends its users through the identity provider: `ssoEnforcement` is `saml`, `google` or `microsoft`, never `none`.",
  defaultLevel: "mandatory",
  config: z.object({
    exemptDomains: z.array(z.string()).default([]).describe("Domain names this rule does not apply to."),
  }),
  check(plan, config) {
    return declared(plan, "Domain")
      .filter((domain) => !enforcesSso(domain) && !config.exemptDomains.includes(domain.properties.domain as string))
      .map((domain) => ({
        resource: domain,
        field: "ssoEnforcement",
        message: `domain ${describe(domain)} must set ssoEnforcement to saml, google or microsoft`,
      }));
  },
  example: {
    stops: "a domain declared without `ssoEnforcement`, or with `none`",
    says: "domain acme.com (acme-com) must set ssoEnforcement to saml, google or microsoft",
  },
});

const SAML_MEMBERS = ["entityId", "acsUrl", "certificate"] as const;

export const samlComplete = defineRule({
  id: "saml-complete",
  title: "A SAML block is complete",
  description:
    "A domain with `ssoEnforcement: saml` declares the identity provider's `entityId`, `acsUrl` and signing `certificate`.",
  defaultLevel: "mandatory",
  config: z.object({}),
  check(plan) {
    return declared(plan, "Domain")
      .filter(
        (domain) => effective(domain, "ssoEnforcement") === "saml" && valueAt(domain.properties, "saml") !== UNKNOWN,
      )
      .flatMap((domain) =>
        SAML_MEMBERS.filter((member) => valueAt(domain.properties, `saml.${member}`) === undefined).map((member) => ({
          resource: domain,
          field: `saml.${member}`,
          message: `domain ${describe(domain)} uses SAML but declares no saml.${member}`,
        })),
      );
  },
  example: {
    stops: "`ssoEnforcement: saml` with a `saml` block that has no `certificate`",
    says: "domain acme.com (acme-com) uses SAML but declares no saml.certificate",
  },
});

export const scimWithJit = defineRule({
  id: "scim-with-jit",
  title: "SCIM is on wherever JIT provisioning is on",
  description:
    "Just-in-time provisioning creates accounts at first sign-in; without SCIM nothing removes them when people leave. " +
    "A domain with `jitProvisioningEnabled` also sets `scimEnabled`.",
  defaultLevel: "mandatory",
  config: z.object({}),
  check(plan) {
    return declared(plan, "Domain")
      .filter(
        (domain) => effective(domain, "jitProvisioningEnabled") === true && effective(domain, "scimEnabled") === false,
      )
      .map((domain) => ({
        resource: domain,
        field: "scimEnabled",
        message: `domain ${describe(domain)} provisions users just in time, so it must set scimEnabled to true`,
      }));
  },
  remediate: () => ({ scimEnabled: true }),
  example: {
    stops: "`jitProvisioningEnabled: true` without `scimEnabled: true`",
    says: "domain acme.com (acme-com) provisions users just in time, so it must set scimEnabled to true",
  },
});
