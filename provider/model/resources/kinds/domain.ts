import { z } from "zod";
import { DomainName, OrganizationId } from "../../api/common";
import { SamlConfigInput, SsoEnforcement } from "../../api/domain";
import type { Values } from "../derive";
import { objectField } from "../field";
import { createdAt, defineKind, lifecycleFields, parentField } from "../kind";

const VERIFICATION_TIMEOUT_MAX_S = 3600;

export const Domain = defineKind({
  name: "Domain",
  terraformType: "scrums_domain",
  description:
    "A domain an organization claims. Publish the TXT record in `verificationRecordName` / `verificationRecordValue`; the " +
    "domain is verified on the next apply, or in this one with `waitForVerification`. SSO, JIT provisioning and SCIM are " +
    "applied once it is verified, in the same apply.",
  importId: "`ORG-…/DOM-…` or `ORG-…/<domain name>`",
  importIdPrefix: "organizationId",
  // The platform keeps a released name until the claim is gone.
  deleteBeforeReplace: true,
  fields: {
    organizationId: {
      ...parentField(
        OrganizationId,
        "The organization claiming the domain. Cannot change: another organization replaces the claim.",
        "organization_id",
      ),
      sentIn: "path",
    },
    domain: {
      type: DomainName,
      role: "required",
      api: "domain",
      immutable: true,
      description: "The lowercase domain name. Cannot change: another name replaces the claim.",
    },
    ssoEnforcement: {
      type: SsoEnforcement,
      role: "optional",
      default: "none",
      api: "sso_enforcement",
      sentIn: "updateOnly",
      description:
        "How users of this domain sign in: `none`, `saml`, `google` or `microsoft`. Needs the domain verified.",
    },
    jitProvisioningEnabled: {
      type: z.boolean(),
      role: "optional",
      default: false,
      api: "jit_provisioning_enabled",
      sentIn: "updateOnly",
      description: "Create users on their first SSO sign-in. Needs the domain verified.",
    },
    scimEnabled: {
      type: z.boolean(),
      role: "optional",
      default: false,
      api: "scim_enabled",
      sentIn: "updateOnly",
      description:
        "Provision users from the identity provider over SCIM. Needs the domain verified; issues `scimToken`.",
    },
    saml: objectField(
      {
        entityId: {
          type: SamlConfigInput.shape.entity_id,
          role: "required",
          api: "entity_id",
          description: "The identity provider's entity id.",
        },
        acsUrl: {
          type: SamlConfigInput.shape.acs_url,
          role: "required",
          api: "acs_url",
          description: "The assertion consumer service URL (https).",
        },
        certificate: {
          type: SamlConfigInput.shape.x509_cert,
          role: "optional",
          api: "x509_cert",
          secret: true,
          writeOnly: { hashFromApi: "x509_cert_sha256" },
          description:
            "The identity provider's signing certificate, PEM. Write-only: state keeps its SHA-256. Needed to set up SAML or to " +
            "change `entityId` or `acsUrl`; left out on a domain whose platform already holds a certificate, that one is kept.",
        },
      },
      {
        role: "optional",
        default: null,
        api: "saml",
        sentIn: "updateOnly",
        description: "The SAML identity provider; required when `ssoEnforcement` is `saml`.",
      },
    ),
    waitForVerification: {
      type: z.boolean(),
      role: "optional",
      default: false,
      description:
        "Wait, up to `verificationTimeoutSeconds`, for the TXT record to be found instead of ending the apply unverified.",
    },
    verificationTimeoutSeconds: {
      type: z
        .int()
        .min(1)
        .max(VERIFICATION_TIMEOUT_MAX_S, { error: `must be at most ${VERIFICATION_TIMEOUT_MAX_S}` }),
      role: "optional",
      default: 300,
      description: "How long `waitForVerification` waits.",
    },
    verified: { type: z.boolean(), role: "computed", api: "verified", description: "The TXT record was found." },
    verifiedAt: {
      type: z.string().nullable(),
      role: "computed",
      api: "verified_at",
      description: "When the domain was verified.",
    },
    verificationRecordName: {
      type: z.string(),
      role: "computed",
      changedBy: [],
      api: "verification.name",
      description: "The DNS name to publish the TXT record at.",
    },
    verificationRecordValue: {
      type: z.string(),
      role: "computed",
      changedBy: [],
      api: "verification.value",
      description: "The TXT record's value.",
    },
    scimBaseUrl: {
      type: z.string().nullable(),
      role: "computed",
      api: "scim_base_url",
      description: "The SCIM endpoint for the identity provider.",
    },
    scimToken: {
      type: z.string().nullable(),
      role: "computed",
      secret: true,
      description:
        "The SCIM bearer token, issued when SCIM is turned on. The platform shows it once; it lives only in secret state.",
    },
    scimTokenCreatedAt: {
      type: z.string().nullable(),
      role: "computed",
      api: "scim_token_created_at",
      description: "When the SCIM token was issued.",
    },
    createdAt,
    ...lifecycleFields("releases the domain", "name in the organization"),
  },
  rules: (declared, { creating, state, isUnknown }) => {
    const saml = declared.saml as Values | null | undefined;
    if (declared.ssoEnforcement === "saml" && !saml) {
      return [
        { field: "saml", reason: "is required when ssoEnforcement is saml: give entityId, acsUrl and certificate" },
      ];
    }
    if (!saml || isUnknown(saml) || saml.certificate !== undefined) return [];
    return creating || (state && samlMoves(saml, state.saml as Values | null | undefined))
      ? [
          {
            field: "saml.certificate",
            reason: "is required to set up SAML or change its entityId or acsUrl: the platform keeps only its hash",
          },
        ]
      : [];
  },
});

/** Whether a SAML block declared without its certificate differs from the one the platform holds (or it holds none). */
const samlMoves = (saml: Values, held: Values | null | undefined) =>
  !held || held.entityId !== saml.entityId || held.acsUrl !== saml.acsUrl;
