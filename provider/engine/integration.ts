import { Integration as IntegrationObject, type IntegrationType } from "../model/api";
import { apiBody, Integration, secretKeysOf, type Values } from "../model/resources";
import type { EngineContext } from "./context";
import { PartialCreateError } from "./errors";
import { type Applied, appliedState, createOnce, deleteIfPresent, type Handler, orNull, refreshedState } from "./handler";

const kind = Integration;
const path = (id: string) => `/v1/integrations/${id}`;

type IntegrationRecord = ReturnType<typeof IntegrationObject.parse>;

/**
 * State as a declaration puts it. It never holds secret keys: the API masks them, and the declaration
 * keeps them under `secrets`. A workspace's integration has no `organizationId`: the API names the
 * workspace's organization there, which would hide a move of the integration to that organization.
 */
const asDeclared = (state: Values): Values => {
  const config = { ...(state.config as Values) };
  for (const key of secretKeysOf(state.type as IntegrationType)) delete config[key];
  return { ...state, config, ...(state.workspaceId ? { organizationId: null } : {}) };
};

const applied = (integration: IntegrationRecord, declared: Values): Applied => ({
  id: integration.id,
  state: asDeclared(appliedState(kind, integration, declared)),
});

const hasMapping = (declared: Values) => Object.keys((declared.environmentMapping as Values | undefined) ?? {}).length > 0;

async function mapEnvironments(ctx: EngineContext, id: string, declared: Values) {
  const body = apiBody(kind.fields, declared, ["environmentMapping"]);
  return (await ctx.client.send("PATCH", `${path(id)}/environment-mapping`, IntegrationObject, { body })).data;
}

/** The listing that holds an integration: its workspace's, or its organization's. */
const ownerQuery = (values: Values): Record<string, string> =>
  values.workspaceId ? { workspace_id: String(values.workspaceId) } : { organization_id: String(values.organizationId) };

/** An integration of the same type and owner, for `adoptExisting`: integrations have no unique name to collide on. */
async function findExisting(ctx: EngineContext, declared: Values) {
  const sameOwnerAndType = (integration: IntegrationRecord) =>
    (declared.workspaceId ? integration.workspace_id === declared.workspaceId : integration.workspace_id === null) &&
    integration.type === declared.type;
  return (await ctx.collections.find("/v1/integrations", IntegrationObject, ownerQuery(declared), sameOwnerAndType))?.item ?? null;
}

export const integrationHandler: Handler = {
  kind,
  advice: {
    workspace_archived: "The workspace is archived.",
    organization_closed: "The organization is closed.",
  },
  async create(ctx, declared) {
    if (declared.adoptExisting === true) {
      const existing = await findExisting(ctx, declared);
      if (existing) return { ...applied(existing, { ...declared, secrets: undefined }), adopted: true };
    }
    const body = apiBody(kind.fields, declared, ["organizationId", "workspaceId", "type", "config", "secrets"]);
    let integration = (await createOnce(ctx, "/v1/integrations", IntegrationObject, body, (created) => path(created.id))).data;
    if (hasMapping(declared)) {
      try {
        integration = await mapEnvironments(ctx, integration.id, declared);
      } catch (error) {
        throw new PartialCreateError(integration.id, applied(integration, { ...declared, environmentMapping: {} }).state, error);
      }
    }
    return applied(integration, declared);
  },
  async read(ctx, id, state) {
    const listed = await orNull(ctx.collections.get("/v1/integrations", IntegrationObject, ownerQuery(state), (integration) => integration.id, id));
    return listed && { id, state: asDeclared(refreshedState(kind, listed.item, state)) };
  },
  async update(ctx, id, _state, declared, changed) {
    const fields = changed.filter((name) => name === "config" || name === "secrets");
    // A PATCH replaces the configuration; secrets left out keep their stored value, so they are sent only when they changed.
    let integration = fields.length
      ? (await ctx.client.send("PATCH", path(id), IntegrationObject, { body: apiBody(kind.fields, declared, ["config", ...fields]) })).data
      : undefined;
    if (changed.includes("environmentMapping")) integration = await mapEnvironments(ctx, id, declared);
    return applied(integration ?? (await ctx.client.send("GET", path(id), IntegrationObject)).data, declared).state;
  },
  async delete(ctx, id) {
    await deleteIfPresent(ctx.client.send("DELETE", path(id), null));
  },
  async import(ctx, importId) {
    const integration = await orNull(ctx.client.send("GET", path(importId), IntegrationObject));
    return integration && applied(integration.data, {});
  },
};
