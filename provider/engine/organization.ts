import { createBody, fieldBody, Organization, updateBody, type Values } from "../model/resources";
import type { EngineContext } from "./context";
import { PartialCreateError } from "./errors";
import {
  type Applied, appliedState, createOnce, createOrAdopt, deleteIfPresent, type Handler, isApiError, orNull, refreshedState,
} from "./handler";

const kind = Organization;
const getOrganization = (ctx: EngineContext, id: string) => ctx.client.call("getOrganization", { params: { org_id: id } });

const fetchOrganization = async (ctx: EngineContext, id: string) => {
  const org = (await getOrganization(ctx, id)).data;
  return org.status === "closed" ? null : org;
};

/**
 * Turns SSO enforcement on. A new organization has no verified SSO domain yet, so when the program
 * declares one, enforcement waits for it: the Domain handler finishes the job in the same run.
 */
async function enforceSso(ctx: EngineContext, id: string, declared: Values) {
  try {
    return (await ctx.client.call("updateOrganization", { params: { org_id: id }, body: { settings: { enforce_sso: true } } })).data;
  } catch (error) {
    const planned = (declared.plannedSsoDomains as string[] | undefined) ?? [];
    if (!isApiError(error, "sso_not_configured") || planned.length === 0) throw error;
    ctx.pendingSso.defer(id);
    return null;
  }
}

/** Applies the named fields; `enforceSso: true` goes last, once everything else is in place. */
async function write(ctx: EngineContext, id: string, declared: Values, names: string[]) {
  const wantsSso = names.includes("enforceSso") && declared.enforceSso === true;
  const patch = updateBody(kind, declared, names.filter((n) => !(wantsSso && n === "enforceSso")));
  let org = Object.keys(patch).length ? (await ctx.client.call("updateOrganization", { params: { org_id: id }, body: patch })).data : undefined;
  if (names.includes("address") && declared.address) {
    await ctx.client.call("putOrganizationAddress", { params: { org_id: id }, body: fieldBody(kind, "address", declared) });
    org = undefined;
  }
  if (wantsSso) org = (await enforceSso(ctx, id, declared)) ?? undefined;
  const current = org ?? (await getOrganization(ctx, id)).data;
  // A deferred enforcement is recorded as declared: the Domain that becomes ready completes it in this run.
  return { ...appliedState(kind, current, declared), ...(wantsSso ? { enforceSso: true } : {}) };
}

/** The open organization with the declaration's `slug`. */
async function findBySlug(ctx: EngineContext, declared: Values): Promise<Applied | null> {
  const found = await ctx.collections.find("listOrganizations", {}, (org) => org.slug === declared.slug && org.status !== "closed");
  return found && { id: found.item.id, state: appliedState(kind, found.item, declared) };
}

async function create(ctx: EngineContext, declared: Values): Promise<Applied> {
  return createOrAdopt(
    declared,
    "slug_taken",
    async () => {
      const org = (await createOnce(ctx, "createOrganization", { body: createBody(kind, declared) }, (created) => getOrganization(ctx, created.id))).data;
      const followUp = ["address", "enforceSso"].filter((name) => declared[name] !== undefined && declared[name] !== false);
      try {
        return { id: org.id, state: followUp.length ? await write(ctx, org.id, declared, followUp) : appliedState(kind, org, declared) };
      } catch (error) {
        throw new PartialCreateError(org.id, appliedState(kind, org, { ...declared, enforceSso: false }), error);
      }
    },
    () => findBySlug(ctx, declared),
    `an organization with slug "${String(declared.slug)}"`,
  );
}

export const organizationHandler: Handler = {
  kind,
  advice: {
    active_workspaces: "Archive its workspaces first (destroy their Workspace resources), or set deletionPolicy: \"retain\" to leave it open.",
    sso_not_configured: "Verify a domain of this organization with ssoEnforcement configured first, or declare that Domain in the same program.",
  },
  create,
  async read(ctx, id, state) {
    const org = await orNull(fetchOrganization(ctx, id));
    return org && { id, state: refreshedState(kind, org, state) };
  },
  update: (ctx, id, _state, declared, changed) => write(ctx, id, declared, changed),
  async delete(ctx, id) {
    await deleteIfPresent(ctx.client.call("closeOrganization", { params: { org_id: id } }));
  },
  find: findBySlug,
  async import(ctx, importId) {
    const org = await orNull(fetchOrganization(ctx, importId));
    return org && { id: org.id, state: appliedState(kind, org, {}) };
  },
};
