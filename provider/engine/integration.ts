import type { Integration as IntegrationObject, IntegrationType } from "../model/api";
import { apiBody, createBody, Integration, secretKeysOf, updateBody, type Values } from "../model/resources";
import type { EngineContext } from "./context";
import { PartialCreateError } from "./errors";
import {
  type Applied,
  appliedState,
  createOnce,
  deleteIfPresent,
  type Handler,
  orNull,
  refreshedState,
} from "./handler";

const kind = Integration;
const integrationParams = (id: string) => ({ params: { integration_id: id } });
const getIntegration = (ctx: EngineContext, id: string) => ctx.client.call("getIntegration", integrationParams(id));

type IntegrationRecord = ReturnType<typeof IntegrationObject.parse>;

/**
 * State as a declaration puts it. It never holds secret keys: the API masks them, and the declaration
 * keeps them under `secrets`. A workspace's integration has no `organizationId`: the API names the
 * workspace's organization there, which would hide a move of the integration to that organization.
 */
export const asDeclared = (state: Values): Values => {
  const config = { ...(state.config as Values) };
  for (const key of secretKeysOf(state.type as IntegrationType)) delete config[key];
  return { ...state, config, ...(state.workspaceId ? { organizationId: null } : {}) };
};

const applied = (integration: IntegrationRecord, declared: Values): Applied => ({
  id: integration.id,
  state: asDeclared(appliedState(kind, integration, declared)),
});

const hasMapping = (declared: Values) =>
  Object.keys((declared.environmentMapping as Values | undefined) ?? {}).length > 0;

async function mapEnvironments(ctx: EngineContext, id: string, declared: Values) {
  const body = apiBody(kind.fields, declared, ["environmentMapping"]);
  return (await ctx.client.call("updateEnvironmentMapping", { ...integrationParams(id), body })).data;
}

/** The listing that holds an integration: its workspace's, or its organization's. */
const ownerQuery = (values: Values) => ({
  query: values.workspaceId
    ? { workspace_id: String(values.workspaceId) }
    : { organization_id: String(values.organizationId) },
});

/** An integration of the same type and owner, for `adoptExisting`: integrations have no unique name to collide on. */
async function findExisting(ctx: EngineContext, declared: Values) {
  const sameOwnerAndType = (integration: IntegrationRecord) =>
    (declared.workspaceId ? integration.workspace_id === declared.workspaceId : integration.workspace_id === null) &&
    integration.type === declared.type;
  return (await ctx.collections.find("listIntegrations", ownerQuery(declared), sameOwnerAndType))?.item ?? null;
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
    const input = { body: createBody(kind, declared) };
    let integration = (await createOnce(ctx, "createIntegration", input, (created) => getIntegration(ctx, created.id)))
      .data;
    if (hasMapping(declared)) {
      try {
        integration = await mapEnvironments(ctx, integration.id, declared);
      } catch (error) {
        throw new PartialCreateError(
          integration.id,
          applied(integration, { ...declared, environmentMapping: {} }).state,
          error,
        );
      }
    }
    return applied(integration, declared);
  },
  async read(ctx, id, state) {
    const listed = await orNull(
      ctx.collections.get("listIntegrations", ownerQuery(state), (integration) => integration.id, id),
    );
    return listed && { id, state: asDeclared(refreshedState(kind, listed.item, state)) };
  },
  async update(ctx, id, _state, declared, changed) {
    const body = updateBody(kind, declared, changed);
    let integration = Object.keys(body).length
      ? (await ctx.client.call("updateIntegration", { ...integrationParams(id), body })).data
      : undefined;
    if (changed.includes("environmentMapping")) integration = await mapEnvironments(ctx, id, declared);
    return applied(integration ?? (await getIntegration(ctx, id)).data, declared).state;
  },
  async delete(ctx, id) {
    await deleteIfPresent(ctx.client.call("deleteIntegration", integrationParams(id)));
  },
  async import(ctx, importId) {
    const integration = await orNull(getIntegration(ctx, importId));
    return integration && applied(integration.data, {});
  },
};
