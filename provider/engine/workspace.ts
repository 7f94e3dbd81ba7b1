import { createBody, updateBody, Workspace, type Values } from "../model/resources";
import type { EngineContext } from "./context";
import {
  appliedState,
  createOnce,
  createOrAdopt,
  deleteIfPresent,
  type Handler,
  orNull,
  refreshedState,
} from "./handler";

const kind = Workspace;
const getWorkspace = (ctx: EngineContext, id: string) => ctx.client.call("getWorkspace", { params: { ws_id: id } });

const fetchWorkspace = async (ctx: EngineContext, id: string) => {
  const ws = (await getWorkspace(ctx, id)).data;
  return ws.status === "archived" ? null : ws;
};

const inOrganization = (organizationId: unknown) => ({ query: { organization_id: String(organizationId) } });

/** The active workspace with the declaration's `slug` in its `organizationId`. */
async function findBySlug(ctx: EngineContext, declared: Values) {
  const matches = (ws: { slug: string; status: string }) => ws.slug === declared.slug && ws.status === "active";
  const found = await ctx.collections.find("listWorkspaces", inOrganization(declared.organizationId), matches);
  return found && { id: found.item.id, state: appliedState(kind, found.item, declared) };
}

export const workspaceHandler: Handler = {
  kind,
  advice: {
    active_service_lines:
      "End the workspace's active Service Lines first (the platform will not archive it while any run), or set " +
      'deletionPolicy: "retain" to leave it in place.',
    organization_closed: "The organization is closed: reopen it or declare the workspace in another organization.",
  },
  create: (ctx, declared) =>
    createOrAdopt(
      declared,
      "slug_taken",
      async () => {
        const ws = (
          await createOnce(ctx, "createWorkspace", { body: createBody(kind, declared) }, (created) =>
            getWorkspace(ctx, created.id),
          )
        ).data;
        return { id: ws.id, state: appliedState(kind, ws, declared) };
      },
      () => findBySlug(ctx, declared),
      `a workspace with slug "${String(declared.slug)}" in ${String(declared.organizationId)}`,
    ),
  async read(ctx, id, state) {
    const listed = await orNull(
      ctx.collections.get("listWorkspaces", inOrganization(state.organizationId), (ws) => ws.id, id),
    );
    return listed && listed.item.status !== "archived" ? { id, state: refreshedState(kind, listed.item, state) } : null;
  },
  async update(ctx, id, _state, declared: Values, changed) {
    const ws = (
      await ctx.client.call("updateWorkspace", { params: { ws_id: id }, body: updateBody(kind, declared, changed) })
    ).data;
    return appliedState(kind, ws, declared);
  },
  async delete(ctx, id) {
    await deleteIfPresent(ctx.client.call("archiveWorkspace", { params: { ws_id: id } }));
  },
  find: findBySlug,
  async import(ctx, importId) {
    const ws = await orNull(fetchWorkspace(ctx, importId));
    return ws && { id: ws.id, state: appliedState(kind, ws, {}) };
  },
};
