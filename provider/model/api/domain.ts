import { z } from "zod";
import { DomainId, DomainName, HttpsUrl, OrganizationId, Timestamp } from "./common";

export const SSO_ENFORCEMENTS = ["none", "saml", "google", "microsoft"] as const;
export const SsoEnforcement = z.enum(SSO_ENFORCEMENTS, { error: `must be one of ${SSO_ENFORCEMENTS.join(", ")}` });

const PEM_CERTIFICATE = /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/;

export const SamlConfigInput = z
  .strictObject({
    entity_id: z
      .string()
      .trim()
      .min(1, { error: "must not be empty" })
      .max(1024)
      .describe("The identity provider's entity id."),
    acs_url: HttpsUrl.describe("The assertion consumer service URL."),
    x509_cert: z
      .string()
      .regex(PEM_CERTIFICATE, { error: "must be a PEM certificate (-----BEGIN CERTIFICATE----- …)" })
      .describe("The identity provider's signing certificate, PEM. Write-only."),
  })
  .meta({ id: "SamlConfigInput" });

export const SamlConfig = z
  .object({
    entity_id: z.string(),
    acs_url: z.string(),
    x509_cert: z.string().describe("Always `********`: the certificate is write-only."),
    x509_cert_sha256: z.string().describe("SHA-256 of the certificate as sent, hex, to detect a change."),
  })
  .meta({ id: "SamlConfig" });

export const DomainVerification = z
  .object({
    type: z.literal("TXT"),
    name: z.string().describe("The DNS name to publish the TXT record at."),
    value: z.string().describe("The TXT record's value."),
  })
  .meta({ id: "DomainVerification" });

export const Domain = z
  .object({
    id: DomainId,
    organization_id: OrganizationId,
    domain: z.string(),
    verified: z.boolean(),
    verified_at: Timestamp.nullable(),
    verification: DomainVerification,
    sso_enforcement: SsoEnforcement,
    jit_provisioning_enabled: z.boolean(),
    scim_enabled: z.boolean(),
    saml: SamlConfig.nullable(),
    scim_base_url: z.string().nullable(),
    scim_token_created_at: Timestamp.nullable().describe("When the current SCIM token was issued; null if none."),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({
    id: "Domain",
    examples: [
      {
        id: "DOM-26-000003",
        organization_id: "ORG-26-090500",
        domain: "apexdigital.com",
        verified: true,
        verified_at: "2026-04-02T08:00:00Z",
        verification: {
          type: "TXT",
          name: "_scrums-verification.apexdigital.com",
          value: "scrums-domain-verification=2f6c1d0e9a7b4c3d",
        },
        sso_enforcement: "saml",
        jit_provisioning_enabled: true,
        scim_enabled: true,
        saml: {
          entity_id: "https://idp.apexdigital.com/metadata",
          acs_url: "https://idp.apexdigital.com/sso/acs",
          x509_cert: "********",
          x509_cert_sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        },
        scim_base_url: "https://api.scrums.com/scim/v2/DOM-26-000003",
        scim_token_created_at: "2026-04-02T08:05:00Z",
        created_at: "2026-04-01T09:00:00Z",
        updated_at: "2026-04-02T08:05:00Z",
      },
    ],
  });
export type Domain = z.infer<typeof Domain>;

export const CreateDomain = z
  .strictObject({ domain: DomainName.describe("Immutable. Verified once the TXT record is published.") })
  .meta({ id: "CreateDomain", examples: [{ domain: "apexdigital.com" }] });

export const UpdateDomain = z
  .strictObject({
    domain: DomainName.optional().describe("Immutable: accepted only when unchanged."),
    sso_enforcement: SsoEnforcement.optional(),
    jit_provisioning_enabled: z.boolean().optional(),
    scim_enabled: z.boolean().optional(),
    saml: SamlConfigInput.nullable().optional(),
  })
  .meta({
    id: "UpdateDomain",
    examples: [{ sso_enforcement: "saml", jit_provisioning_enabled: true, scim_enabled: true }],
  });

export const ScimToken = z
  .object({
    token: z.string().describe("The SCIM bearer token. Shown once: store it now."),
    created_at: Timestamp,
  })
  .meta({ id: "ScimToken" });

export const ScimLogEntry = z
  .object({
    id: z.string(),
    timestamp: Timestamp,
    event: z.string(),
    detail: z.string(),
  })
  .meta({ id: "ScimLogEntry" });
