import type { z } from "zod";
import {
  ENVIRONMENT_MAPPED_TYPES,
  INTEGRATION_TYPES,
  SECRET_MASK,
  type CreateIntegration,
  type PageQuery,
  type UpdateEnvironmentMapping,
  type UpdateIntegration,
} from "../../provider/model/api";
import { checkIfMatch, decodeCursor, serializedListReply, serializedOnce, type Call, type Handler } from "../call";
import { ApiError, conflict, notFound, referenced, unprocessable, validationError } from "../errors";
import type { IntegrationRecord } from "../records-types";

import { requireOpen } from "./organizations";

type IntegrationParams = { integration_id: string };

export function serializeIntegration(integration: IntegrationRecord) {
  const secrets: readonly string[] = INTEGRATION_TYPES[integration.type].secrets;
  const config = Object.fromEntries(
    Object.entries(integration.config).map(([key, value]) => [key, secrets.includes(key) ? SECRET_MASK : value]),
  );
  return { ...integration, config };
}

/** An integration's answer depends on nothing but the integration. */
const integrationText = serializedOnce(serializeIntegration);

/** Resolves the owner named in a request to its organization, checking write access. */
function owner(call: Call<unknown, unknown, unknown>, ids: { workspace_id?: string; organization_id?: string }) {
  const { access } = call;
  if (ids.workspace_id !== undefined) {
    const wsId = ids.workspace_id;
    const ws = referenced("workspace_id", "workspace_not_found", wsId, () => access.workspace(wsId, "write").body);
    if (ws.status === "archived") throw conflict("workspace_archived", `${ws.id} is archived`);
    return { organizationId: ws.organization_id, workspaceId: ws.id };
  }
  const orgId = ids.organization_id!;
  requireOpen(
    referenced("organization_id", "organization_not_found", orgId, () => access.organization(orgId, "write").body),
  );
  return { organizationId: orgId, workspaceId: null };
}

function findIntegration(call: Call<IntegrationParams, unknown, unknown>, need: "read" | "write"): IntegrationRecord {
  const integration = call.world.records.get<IntegrationRecord>("integration", call.params.integration_id)?.body;
  const visible =
    integration &&
    (integration.workspace_id
      ? canReach(() => call.access.workspace(integration.workspace_id!, need))
      : canReach(() => call.access.organization(integration.organization_id, need)));
  if (!integration || !visible) throw notFound(`Integration ${call.params.integration_id}`);
  return integration;
}

/**
 * Whether an access check passes; a 404 means invisible, any other refusal is raised as is, unless
 * `listing`, where an organization closed to the token by SSO is left out instead.
 */
function canReach(check: () => unknown, listing = false): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || (listing && error.code === "sso_required"))) return false;
    throw error;
  }
}

const listIntegrations: Handler = (
  call: Call<object, z.infer<typeof PageQuery> & { organization_id?: string; workspace_id?: string }>,
) => {
  const { world, access, query } = call;
  const keep = (integration: IntegrationRecord) =>
    (query.workspace_id === undefined || integration.workspace_id === query.workspace_id) &&
    (integration.workspace_id
      ? canReach(() => access.workspace(integration.workspace_id!, "read"), true)
      : canReach(() => access.organization(integration.organization_id, "read"), true));
  return serializedListReply(
    world.records.pageWhere<IntegrationRecord>(
      "integration",
      query.organization_id,
      decodeCursor(query.cursor),
      query.limit,
      (record) => keep(record.body),
    ),
    integrationText,
  );
};

const createIntegration: Handler = (call: Call<object, object, z.infer<typeof CreateIntegration>>) => {
  const { world, body } = call;
  const { organizationId, workspaceId } = owner(call, body);
  const now = world.clock.iso();
  const integration: IntegrationRecord = {
    id: world.newId("integration"),
    organization_id: organizationId,
    workspace_id: workspaceId,
    type: body.type,
    config: body.config,
    environment_mapping: {},
    status: "active",
    created_at: now,
    updated_at: now,
  };
  world.records.insert("integration", integration.id, organizationId, integration);
  return { status: 201, data: serializeIntegration(integration) };
};

const getIntegration: Handler = (call: Call<IntegrationParams>) => ({
  data: serializeIntegration(findIntegration(call, "read")),
});

const updateIntegration: Handler = (call: Call<IntegrationParams, object, z.infer<typeof UpdateIntegration>>) => {
  const { world, body } = call;
  const integration = findIntegration(call, "write");
  checkIfMatch(call, serializeIntegration(integration));
  for (const field of ["type", "workspace_id", "organization_id"] as const) {
    if (body[field] !== undefined && body[field] !== integration[field]) {
      throw unprocessable("immutable_field", `${field} cannot be changed after creation`, field);
    }
  }
  let config = integration.config;
  if (body.config) {
    const kept = Object.fromEntries(
      INTEGRATION_TYPES[integration.type].secrets
        .filter((key) => body.config![key] === undefined && integration.config[key] !== undefined)
        .map((key) => [key, integration.config[key]]),
    );
    const parsed = INTEGRATION_TYPES[integration.type].config.safeParse({ ...body.config, ...kept });
    if (!parsed.success) {
      const error = validationError("config", parsed.error);
      throw new ApiError(
        422,
        error.code,
        error.message,
        error.details?.map((d) => ({ ...d, field: `config.${d.field}` })),
      );
    }
    config = parsed.data as Record<string, unknown>;
  }
  const updated = { ...integration, config, updated_at: world.clock.iso() };
  world.records.update("integration", integration.id, updated);
  return { data: serializeIntegration(updated) };
};

const deleteIntegration: Handler = (call: Call<IntegrationParams>) => {
  call.world.records.remove("integration", findIntegration(call, "write").id);
  return { status: 204 };
};

const updateEnvironmentMapping: Handler = (
  call: Call<IntegrationParams, object, z.infer<typeof UpdateEnvironmentMapping>>,
) => {
  const integration = findIntegration(call, "write");
  if (!ENVIRONMENT_MAPPED_TYPES.includes(integration.type)) {
    throw unprocessable(
      "not_a_deployment_integration",
      `A ${integration.type} integration has no environments to map`,
      "environment_mapping",
    );
  }
  const updated: IntegrationRecord = {
    ...integration,
    environment_mapping: call.body.environment_mapping as Record<string, string>,
    updated_at: call.world.clock.iso(),
  };
  call.world.records.update("integration", integration.id, updated);
  return { data: serializeIntegration(updated) };
};

export const integrationHandlers: Record<string, Handler> = {
  listIntegrations,
  createIntegration,
  getIntegration,
  updateIntegration,
  deleteIntegration,
  updateEnvironmentMapping,
};
