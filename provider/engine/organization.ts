import type { Organization as OrganizationObject } from "../model/api";
import {
  createBody,
  Domain,
  fieldBody,
  Organization,
  plannedSsoDomainsOf,
  stateFromApi,
  updateBody,
  type Values,
} from "../model/resources";
import type { EngineContext } from "./context";
import { PartialCreateError } from "./errors";
import {
  type Applied,
  appliedState,
  createOnce,
  createOrAdopt,
  deleteIfPresent,
  type Handler,
  orNull,
  refreshedState,
} from "./handler";
import {
  confirmPendingEnforcement,
  enforcementState,
  pendingEnforcement,
  refreshedEnforcementState,
  requestEnforcement,
} from "./sso-enforcement";

const kind = Organization;
const getOrganization = (ctx: EngineContext, id: string) =>
  ctx.client.call("getOrganization", { params: { org_id: id } });

type OrganizationRecord = ReturnType<typeof OrganizationObject.parse>;

const fetchOrganization = async (ctx: EngineContext, id: string) => {
  const org = (await getOrganization(ctx, id)).data;
  return org.status === "closed" ? null : org;
};

/** The state of an organization as the platform answered it. */
const fromPlatform = (org: OrganizationRecord, declared: Values): Values => ({
  ...appliedState(kind, org, declared),
  ...enforcementState(declared, org),
});

/** Applies the named fields; `enforceSso: true` goes last, once everything else is in place (see ./sso-enforcement). */
async function write(ctx: EngineContext, id: string, declared: Values, names: string[]) {
  const wantsSso = names.includes("enforceSso") && declared.enforceSso === true;
  const patch = updateBody(
    kind,
    declared,
    names.filter((n) => !(wantsSso && n === "enforceSso")),
  );
  let org = Object.keys(patch).length
    ? (await ctx.client.call("updateOrganization", { params: { org_id: id }, body: patch })).data
    : undefined;
  if (names.includes("address") && declared.address) {
    await ctx.client.call("putOrganizationAddress", {
      params: { org_id: id },
      body: fieldBody(kind, "address", declared),
    });
    org = undefined;
  }
  if (wantsSso) org = await requestEnforcement(ctx, id, declared);
  const current = org ?? (await getOrganization(ctx, id)).data;
  return fromPlatform(current, declared);
}

/** The open organization with the declaration's `slug`. */
async function findBySlug(ctx: EngineContext, declared: Values): Promise<Applied | null> {
  const found = await ctx.collections.find(
    "listOrganizations",
    {},
    (org) => org.slug === declared.slug && org.status !== "closed",
  );
  return found && { id: found.item.id, state: fromPlatform(found.item, declared) };
}

async function create(ctx: EngineContext, declared: Values): Promise<Applied> {
  return createOrAdopt(
    declared,
    "slug_taken",
    async () => {
      const org = (
        await createOnce(ctx, "createOrganization", { body: createBody(kind, declared) }, (created) =>
          getOrganization(ctx, created.id),
        )
      ).data;
      const followUp = ["address", "enforceSso"].filter(
        (name) => declared[name] !== undefined && declared[name] !== false,
      );
      try {
        return {
          id: org.id,
          state: followUp.length ? await write(ctx, org.id, declared, followUp) : fromPlatform(org, declared),
        };
      } catch (error) {
        throw new PartialCreateError(org.id, fromPlatform(org, { ...declared, enforceSso: false }), error);
      }
    },
    () => findBySlug(ctx, declared),
    `an organization with slug "${String(declared.slug)}"`,
  );
}

export const organizationHandler: Handler = {
  kind,
  advice: {
    active_workspaces:
      'Archive its workspaces first (destroy their Workspace resources), or set deletionPolicy: "retain" to leave it open.',
    sso_not_configured:
      "Verify a domain of this organization with ssoEnforcement configured first, or declare that Domain in the same program.",
  },
  create,
  async read(ctx, id, state) {
    const org = await orNull(fetchOrganization(ctx, id));
    return org && { id, state: { ...refreshedState(kind, org, state), ...refreshedEnforcementState(state, org) } };
  },
  update: (ctx, id, _state, declared, changed) => write(ctx, id, declared, changed),
  pendingWork: pendingEnforcement,
  confirmPendingWork: confirmPendingEnforcement,
  async delete(ctx, id) {
    await deleteIfPresent(ctx.client.call("closeOrganization", { params: { org_id: id } }));
  },
  find: findBySlug,
  async contextOf(ctx, imported) {
    const domains = await ctx.collections.all("listDomains", { params: { org_id: imported.id } });
    const planned = plannedSsoDomainsOf(domains.items.map((domain) => stateFromApi(Domain.fields, domain)));
    return planned ? { plannedSsoDomains: planned } : {};
  },
  async import(ctx, importId) {
    const org = await orNull(fetchOrganization(ctx, importId));
    return org && { id: org.id, state: fromPlatform(org, {}) };
  },
};
