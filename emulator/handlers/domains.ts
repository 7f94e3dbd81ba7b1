import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { SECRET_MASK, type CreateDomain, type PageQuery, type UpdateDomain } from "../../provider/model/api";
import {
  checkIfMatch,
  decodeCursor,
  listReply,
  serializedListReply,
  serializedOnce,
  type Call,
  type Handler,
} from "../call";
import { conflict, notFound, unprocessable } from "../errors";
import type { DomainRecord, OrganizationRecord, ScimLogRecord } from "../records-types";
import type { World } from "../world";
import { requireOpen } from "./organizations";

type OrgParams = { org_id: string };
type DomainParams = { org_id: string; domain_id: string };

export const verificationRecordName = (domain: string) => `_scrums-verification.${domain}`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function serializeDomain(domain: DomainRecord, baseUrl: string) {
  const { verification_value, scim_token_sha256: _hash, saml, ...rest } = domain;
  return {
    ...rest,
    verification: { type: "TXT" as const, name: verificationRecordName(domain.domain), value: verification_value },
    saml: saml && {
      entity_id: saml.entity_id,
      acs_url: saml.acs_url,
      x509_cert: SECRET_MASK,
      x509_cert_sha256: saml.x509_cert_sha256,
    },
    scim_base_url: domain.scim_enabled ? `${baseUrl}/scim/v2/${domain.id}` : null,
  };
}

/** A domain's answer depends on nothing but the domain and the emulator's own base URL. */
const domainText = serializedOnce(serializeDomain);

function findDomain(world: World, orgId: string, domainId: string) {
  const domain = world.records.get<DomainRecord>("domain", domainId);
  if (!domain || domain.body.organization_id !== orgId) throw notFound(`Domain ${domainId} of ${orgId}`);
  return domain.body;
}

const listDomains: Handler = ({
  world,
  access,
  params,
  query,
  baseUrl,
}: Call<OrgParams, z.infer<typeof PageQuery>>) => {
  access.organization(params.org_id, "read");
  return serializedListReply(
    world.records.page<DomainRecord>("domain", params.org_id, decodeCursor(query.cursor), query.limit),
    (domain) => domainText(domain, baseUrl),
  );
};

const createDomain: Handler = ({
  world,
  access,
  params,
  body,
  baseUrl,
}: Call<OrgParams, object, z.infer<typeof CreateDomain>>) => {
  requireOpen(access.organization(params.org_id, "write").body);
  if (world.indexed(`domain:${params.org_id}/${body.domain}`)) {
    throw conflict("domain_taken", `${params.org_id} already claimed ${body.domain}`);
  }
  const now = world.clock.iso();
  const domain: DomainRecord = {
    id: world.newId("domain"),
    organization_id: params.org_id,
    domain: body.domain,
    verified: false,
    verified_at: null,
    verification_value: `scrums-domain-verification=${randomBytes(16).toString("hex")}`,
    sso_enforcement: "none",
    jit_provisioning_enabled: false,
    scim_enabled: false,
    saml: null,
    scim_token_sha256: null,
    scim_token_created_at: null,
    created_at: now,
    updated_at: now,
  };
  world.records.insert("domain", domain.id, params.org_id, domain);
  world.index(`domain:${params.org_id}/${domain.domain}`, domain.id);
  return { status: 201, data: serializeDomain(domain, baseUrl) };
};

const getDomain: Handler = ({ world, access, params, baseUrl }: Call<DomainParams>) => {
  access.organization(params.org_id, "read");
  return { data: serializeDomain(findDomain(world, params.org_id, params.domain_id), baseUrl) };
};

/** The organization enforces SSO through this domain alone: changing it would lock everyone out. */
function isOnlySsoDomain(world: World, org: OrganizationRecord, domain: DomainRecord): boolean {
  if (!org.settings.enforce_sso || !domain.verified || domain.sso_enforcement === "none") return false;
  return ![...world.records.all<DomainRecord>("domain", org.id)].some(
    (d) => d.id !== domain.id && d.body.verified && d.body.sso_enforcement !== "none",
  );
}

const updateDomain: Handler = (call: Call<DomainParams, object, z.infer<typeof UpdateDomain>>) => {
  const { world, access, params, body, baseUrl } = call;
  const org = access.organization(params.org_id, "write").body;
  const domain = findDomain(world, params.org_id, params.domain_id);
  checkIfMatch(call, serializeDomain(domain, baseUrl));
  if (body.domain !== undefined && body.domain !== domain.domain) {
    throw unprocessable("immutable_field", "domain cannot be changed after creation", "domain");
  }
  const next: DomainRecord = {
    ...domain,
    sso_enforcement: body.sso_enforcement ?? domain.sso_enforcement,
    jit_provisioning_enabled: body.jit_provisioning_enabled ?? domain.jit_provisioning_enabled,
    scim_enabled: body.scim_enabled ?? domain.scim_enabled,
    saml:
      body.saml === undefined
        ? domain.saml
        : body.saml && { ...body.saml, x509_cert_sha256: sha256(body.saml.x509_cert) },
    updated_at: world.clock.iso(),
  };
  if (!domain.verified) {
    const needsVerified = (
      [
        ["sso_enforcement", next.sso_enforcement !== "none"],
        ["jit_provisioning_enabled", next.jit_provisioning_enabled],
        ["scim_enabled", next.scim_enabled],
      ] as const
    ).filter(([, on]) => on);
    if (needsVerified.length > 0) {
      throw unprocessable(
        "domain_not_verified",
        `Verify ${domain.domain} before turning on ${needsVerified.map(([f]) => f).join(", ")}`,
        needsVerified[0]![0],
      );
    }
  }
  if (next.sso_enforcement === "saml" && !next.saml) {
    throw unprocessable(
      "saml_incomplete",
      "sso_enforcement saml needs a saml block with entity_id, acs_url and x509_cert",
      "saml",
    );
  }
  if (next.sso_enforcement === "none" && isOnlySsoDomain(world, org, domain)) {
    throw conflict(
      "sso_enforced",
      `${org.id} enforces SSO through ${domain.domain} alone; turn off settings.enforce_sso first`,
    );
  }
  if (!next.scim_enabled) Object.assign(next, { scim_token_sha256: null, scim_token_created_at: null });
  world.records.update("domain", domain.id, next);
  return { data: serializeDomain(next, baseUrl) };
};

const deleteDomain: Handler = ({ world, access, params }: Call<DomainParams>) => {
  const org = access.organization(params.org_id, "write").body;
  const domain = findDomain(world, params.org_id, params.domain_id);
  if (isOnlySsoDomain(world, org, domain)) {
    throw conflict(
      "sso_enforced",
      `${org.id} enforces SSO through ${domain.domain} alone; turn off settings.enforce_sso first`,
    );
  }
  world.records.remove("domain", domain.id);
  world.unindex(`domain:${org.id}/${domain.domain}`);
  if (domain.verified) world.unindex(`verified-domain:${domain.domain}`);
  return { status: 204 };
};

const verifyDomain: Handler = ({ world, access, params, baseUrl }: Call<DomainParams>) => {
  access.organization(params.org_id, "write");
  const domain = findDomain(world, params.org_id, params.domain_id);
  if (domain.verified) return { data: serializeDomain(domain, baseUrl) };
  const published = world.setting<string>(`dns:${verificationRecordName(domain.domain)}`);
  if (published !== domain.verification_value && !world.setting<boolean>("auto_verify_domains")) {
    throw unprocessable(
      "verification_pending",
      `No TXT record ${verificationRecordName(domain.domain)} with the expected value yet; publish it and verify again`,
      "verification",
    );
  }
  const holder = world.indexed(`verified-domain:${domain.domain}`);
  if (holder) throw conflict("domain_taken", `${domain.domain} is already verified by another organization`);
  const now = world.clock.iso();
  const verified = { ...domain, verified: true, verified_at: now, updated_at: now };
  world.records.update("domain", domain.id, verified);
  world.index(`verified-domain:${domain.domain}`, domain.id);
  return { data: serializeDomain(verified, baseUrl) };
};

const rotateScimToken: Handler = ({ world, access, params }: Call<DomainParams>) => {
  access.organization(params.org_id, "write");
  const domain = findDomain(world, params.org_id, params.domain_id);
  if (!domain.scim_enabled) throw conflict("scim_disabled", `Turn on scim_enabled for ${domain.domain} first`);
  const token = `scim_${randomBytes(24).toString("base64url")}`;
  const now = world.clock.iso();
  world.records.update("domain", domain.id, {
    ...domain,
    scim_token_sha256: sha256(token),
    scim_token_created_at: now,
    updated_at: now,
  });
  const log: ScimLogRecord = {
    id: `log_${world.records.nextCounter("scim-log")}`,
    timestamp: now,
    event: "token_rotated",
    detail: "A new SCIM token was issued; the previous one is revoked",
  };
  world.records.insert("scim_log", `${domain.id}/${log.id}`, domain.id, log);
  return { status: 201, data: { token, created_at: now } };
};

const listScimLogs: Handler = ({ world, access, params, query }: Call<DomainParams, z.infer<typeof PageQuery>>) => {
  access.organization(params.org_id, "read");
  const domain = findDomain(world, params.org_id, params.domain_id);
  return listReply(
    world.records.page<ScimLogRecord>("scim_log", domain.id, decodeCursor(query.cursor), query.limit),
    (log) => log,
  );
};

export const domainHandlers: Record<string, Handler> = {
  listDomains,
  createDomain,
  getDomain,
  updateDomain,
  deleteDomain,
  verifyDomain,
  rotateScimToken,
  listScimLogs,
};
