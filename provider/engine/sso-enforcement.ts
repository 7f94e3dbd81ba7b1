/**
 * SSO in one apply. An organization can enforce SSO only through a verified domain with SSO
 * configured, and a new organization has none: its Domains need its id, so they are applied after
 * it. When the declaration plans such a Domain (`plannedSsoDomains`), the organization's step
 * defers the enforcement and its state says so (`ssoEnforcementPending`), as the platform holds it.
 * While state says pending, every plan shows work on the organization, so every run tries again:
 * its step defers once more if no domain is ready, and the Domain whose step makes one ready in
 * that run finishes the enforcement. A plan confirms a pending enforcement with the platform, so
 * once a domain has finished it, plans are empty even before a refresh records it.
 * Enforcement is recorded as done only from the platform's answer.
 */
import type { Domain as DomainObject, Organization as OrganizationObject } from "../model/api";
import type { Values } from "../model/resources";
import type { EngineContext } from "./context";
import { isApiError } from "./handler";

type OrganizationRecord = ReturnType<typeof OrganizationObject.parse>;
type DomainRecord = ReturnType<typeof DomainObject.parse>;

const getOrganization = async (ctx: EngineContext, id: string) =>
  (await ctx.client.call("getOrganization", { params: { org_id: id } })).data;
const named = (org: OrganizationRecord) => `Organization "${org.slug}" (${org.id})`;
const setEnforcement = async (ctx: EngineContext, orgId: string, on: boolean) =>
  (await ctx.client.call("updateOrganization", { params: { org_id: orgId }, body: { settings: { enforce_sso: on } } }))
    .data;

/** Organizations whose enforcement was deferred in this run, for the Domain that becomes ready later in the run. */
export class DeferredSsoEnforcement {
  private readonly organizations = new Set<string>();

  defer(organizationId: string): void {
    this.organizations.add(organizationId);
  }

  /** Whether this organization's enforcement was deferred in this run; it no longer is once asked. */
  take(organizationId: string): boolean {
    return this.organizations.delete(organizationId);
  }
}

/**
 * Turns enforcement on, or, when the platform lacks a ready SSO domain and the declaration plans
 * one, defers it (with a warning) and returns the organization as the platform still holds it.
 */
export async function requestEnforcement(
  ctx: EngineContext,
  id: string,
  declared: Values,
): Promise<OrganizationRecord> {
  try {
    return await setEnforcement(ctx, id, true);
  } catch (error) {
    const planned = (declared.plannedSsoDomains as string[] | undefined) ?? [];
    if (!isApiError(error, "sso_not_configured") || planned.length === 0) throw error;
    ctx.pendingSso.defer(id);
    const org = await getOrganization(ctx, id);
    ctx.warn(
      `${named(org)}: enforceSso is pending until ${planned.join(" or ")} is verified with SSO; ssoEnforcementPending stays true ` +
        "and every apply tries again (publish the domain's TXT record, or set its waitForVerification)",
    );
    return org;
  }
}

/**
 * The enforcement fields of an organization's state after the engine wrote it: enforcement the
 * declaration asks for and the platform does not hold yet is pending. `enforceSso` stays as
 * declared, the pending flag telling the difference (Terraform requires declared values back as
 * declared).
 */
export const enforcementState = (declared: Values, org: OrganizationRecord): Values =>
  declared.enforceSso === true && !org.settings.enforce_sso
    ? { enforceSso: true, ssoEnforcementPending: true }
    : { ssoEnforcementPending: false };

/** The enforcement fields after reading the organization again: pending until the platform enforces SSO. */
export const refreshedEnforcementState = (previous: Values, org: OrganizationRecord): Values =>
  previous.ssoEnforcementPending === true
    ? enforcementState({ enforceSso: true }, org)
    : { ssoEnforcementPending: false };

/** The work a pending enforcement leaves: while state says pending, the organization's step must run. */
export const pendingEnforcement = (state: Values, declared: Values): string[] =>
  state.ssoEnforcementPending === true && declared.enforceSso === true ? ["enforceSso"] : [];

/** `pending` without the enforcement when the platform holds it already (a Domain's step finished it after the organization's). */
export async function confirmPendingEnforcement(ctx: EngineContext, id: string, pending: string[]): Promise<string[]> {
  if (!pending.includes("enforceSso")) return pending;
  const org = await getOrganization(ctx, id);
  return org.settings.enforce_sso ? pending.filter((name) => name !== "enforceSso") : pending;
}

/** Finishes the enforcement deferred in this run, once `domain` is verified with SSO. */
export async function finishDeferredEnforcement(ctx: EngineContext, domain: DomainRecord): Promise<void> {
  if (!domain.verified || domain.sso_enforcement === "none" || !ctx.pendingSso.take(domain.organization_id)) return;
  const org = await setEnforcement(ctx, domain.organization_id, true);
  ctx.warn(
    `${named(org)} now enforces SSO through ${domain.domain}, which this apply made ready; the organization's ` +
      "ssoEnforcementPending turns false on its next refresh (plans already show no change)",
  );
}

/**
 * Releases a domain with `remove`. The platform refuses while the organization enforces SSO through
 * this domain alone, so then the enforcement is turned off first, with a warning.
 */
export async function releaseSsoDomain(ctx: EngineContext, state: Values, remove: () => Promise<void>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (!isApiError(error, "sso_enforced")) throw error;
    const org = await setEnforcement(ctx, String(state.organizationId), false);
    ctx.warn(
      `${named(org)} enforced SSO through ${String(state.domain)} alone: its enforceSso was turned off to release the domain`,
    );
    await remove();
  }
}
