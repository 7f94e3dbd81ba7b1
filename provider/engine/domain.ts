import type { Domain as DomainObject } from "../model/api";
import { createBody, Domain, updateBody, updatedFields, type Values } from "../model/resources";
import type { EngineContext } from "./context";
import { EngineError, PartialCreateError } from "./errors";
import {
  type Applied,
  appliedState,
  createOnce,
  createOrAdopt,
  deleteIfPresent,
  type Handler,
  isApiError,
  orNull,
  refreshedState,
  splitImportId,
} from "./handler";
import { finishDeferredEnforcement, releaseSsoDomain } from "./sso-enforcement";

const kind = Domain;
const domainParams = (orgId: string, id: string) => ({ params: { org_id: orgId, domain_id: id } });
const getDomain = (ctx: EngineContext, orgId: string, id: string) =>
  ctx.client.call("getDomain", domainParams(orgId, id));
/** What an update sets: everything a claimed domain is configured with. */
const SETTINGS = updatedFields(kind);
const VERIFY_INTERVAL_MS = 2_000;

type DomainRecord = ReturnType<typeof DomainObject.parse>;

/** The settings a claimed domain, which starts with all of them off, must be given. */
const settingsTurnedOn = (declared: Values) =>
  SETTINGS.filter((name) =>
    name === "ssoEnforcement"
      ? (declared[name] ?? "none") !== "none"
      : ![undefined, null, false].includes(declared[name] as never),
  );

const needsVerification = (declared: Values) =>
  (declared.ssoEnforcement ?? "none") !== "none" ||
  declared.jitProvisioningEnabled === true ||
  declared.scimEnabled === true;

const unverifiedAdvice = (domain: DomainRecord) =>
  `${domain.domain} is not verified yet: publish the TXT record ${domain.verification.name} = "${domain.verification.value}" ` +
  "and apply again, or set waitForVerification to wait for it";

/** Asks the platform to verify the domain, once or, with `waitForVerification`, until its timeout. */
async function verify(ctx: EngineContext, domain: DomainRecord, declared: Values): Promise<DomainRecord> {
  const deadline = Date.now() + Number(declared.verificationTimeoutSeconds ?? 300) * 1000;
  for (;;) {
    try {
      return (await ctx.client.call("verifyDomain", domainParams(domain.organization_id, domain.id))).data;
    } catch (error) {
      if (!isApiError(error, "verification_pending")) throw error;
      if (declared.waitForVerification !== true || Date.now() + VERIFY_INTERVAL_MS > deadline) return domain;
      await ctx.sleep(VERIFY_INTERVAL_MS);
    }
  }
}

/**
 * Brings a claimed domain to its declaration: verification first, then SSO, JIT, SCIM and SAML in one
 * PATCH, a SCIM token when SCIM was just turned on, and the organization's SSO enforcement deferred in this run.
 */
async function converge(
  ctx: EngineContext,
  domain: DomainRecord,
  declared: Values,
  changed: string[],
  previous: Values,
): Promise<Values> {
  let current = domain;
  if (
    !current.verified &&
    (needsVerification(declared) || declared.waitForVerification === true || changed.includes("verification"))
  ) {
    current = await verify(ctx, current, declared);
  }
  const settings = updatedFields(kind, changed);
  if (settings.length && needsVerification(declared) && !current.verified) {
    throw new EngineError(`Domain: ${unverifiedAdvice(current)}`, "verification_pending");
  }
  if (settings.length) {
    const body = updateBody(kind, declared, settings);
    current = (await ctx.client.call("updateDomain", { ...domainParams(current.organization_id, current.id), body }))
      .data;
  }
  let scim: { scimToken: string | null } = { scimToken: (previous.scimToken as string | undefined) ?? null };
  // Only turning SCIM on issues a token: a new one would revoke the token the identity provider uses.
  if (current.scim_enabled && changed.includes("scimEnabled")) {
    scim = {
      scimToken: (await ctx.client.call("rotateScimToken", domainParams(current.organization_id, current.id))).data
        .token,
    };
    ctx.client.redactor.add(scim.scimToken ?? undefined);
    current = (await getDomain(ctx, current.organization_id, current.id)).data;
  }
  if (!current.scim_enabled) scim = { scimToken: null };
  await finishDeferredEnforcement(ctx, current);
  return { ...appliedState(kind, current, declared), ...scim };
}

async function findByName(ctx: EngineContext, orgId: string, name: string) {
  return (
    (await ctx.collections.find("listDomains", { params: { org_id: orgId } }, (domain) => domain.domain === name))
      ?.item ?? null
  );
}

async function create(ctx: EngineContext, declared: Values): Promise<Applied> {
  const orgId = String(declared.organizationId);
  const claimed = await createOrAdopt(
    declared,
    "domain_taken",
    async () => {
      const input = { params: { org_id: orgId }, body: createBody(kind, declared) };
      const domain = (await createOnce(ctx, "createDomain", input, (created) => getDomain(ctx, orgId, created.id)))
        .data;
      return { id: domain.id, state: { domain } };
    },
    async () => {
      const domain = await findByName(ctx, orgId, String(declared.domain));
      return domain && { id: domain.id, state: { domain } };
    },
    `the domain ${String(declared.domain)} in ${orgId}`,
  );
  const domain = claimed.state.domain as DomainRecord;
  try {
    return { id: domain.id, state: await converge(ctx, domain, declared, settingsTurnedOn(declared), {}) };
  } catch (error) {
    // The claim exists: keep it in state, unconfigured, so the next apply finishes instead of claiming again.
    const bare = { ...declared, ssoEnforcement: "none", jitProvisioningEnabled: false, scimEnabled: false, saml: null };
    const latest = (await orNull(getDomain(ctx, orgId, domain.id)))?.data ?? domain;
    throw new PartialCreateError(domain.id, { ...appliedState(kind, latest, bare), scimToken: null }, error);
  }
}

export const domainHandler: Handler = {
  kind,
  advice: {
    domain_taken: "Another organization has verified this domain.",
    domain_not_verified: "Publish the domain's TXT record (verificationRecordName / verificationRecordValue) first.",
    saml_incomplete: "Give saml with entityId, acsUrl and certificate.",
    sso_enforced:
      "The organization enforces SSO through this domain alone: set enforceSso: false on the Organization first.",
  },
  create,
  async read(ctx, id, state) {
    const listed = await orNull(
      ctx.collections.get(
        "listDomains",
        { params: { org_id: String(state.organizationId) } },
        (domain) => domain.id,
        id,
      ),
    );
    return listed && { id, state: refreshedState(kind, listed.item, state) };
  },
  async update(ctx, id, state, declared, changed) {
    const domain = (await getDomain(ctx, String(state.organizationId), id)).data;
    return converge(ctx, domain, declared, changed, state);
  },
  pendingWork: (state, declared) => (state.verified === false && needsVerification(declared) ? ["verification"] : []),
  async delete(ctx, id, state) {
    await releaseSsoDomain(ctx, state, () =>
      deleteIfPresent(ctx.client.call("deleteDomain", domainParams(String(state.organizationId), id))),
    );
  },
  async import(ctx, importId) {
    const [orgId, which] = splitImportId(importId, "ORG-…/DOM-… or ORG-…/<domain name>");
    const domain = which.startsWith("DOM-")
      ? (await orNull(getDomain(ctx, orgId, which)))?.data
      : await findByName(ctx, orgId, which);
    return domain ? { id: domain.id, state: { ...appliedState(kind, domain, {}), scimToken: null } } : null;
  },
};
