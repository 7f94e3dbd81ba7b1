/**
 * The load tool: the API calls that create an organization of a shape, issued straight over HTTP at
 * a given concurrency, with no IaC tool in between (the floor of the large-org bench, and how other
 * benches make their organization).
 */
import { Pool } from "undici";
import { createSteps, type CreateRequest, type OrganizationShape } from "../../test/support/organization-shape";
import type { ServedEmulator } from "../../test/support/emulator-process";

/** Issues the organization's create calls at `concurrency`, step by step; returns the number of calls. */
export async function loadTool(
  emulator: ServedEmulator,
  shape: OrganizationShape,
  slug: string,
  concurrency: number,
): Promise<number> {
  const pool = new Pool(emulator.url, { connections: concurrency });
  const headers = { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" };
  let calls = 0;
  const post = async (request: CreateRequest) => {
    calls += 1;
    const response = await pool.request({
      method: "POST",
      path: request.path,
      headers: { ...headers, "idempotency-key": `load-${calls}` },
      body: JSON.stringify(request.body),
    });
    const body = (await response.body.json()) as { data: Record<string, string> };
    if (response.statusCode !== 201)
      throw new Error(`load tool: POST ${request.path} answered ${response.statusCode}: ${JSON.stringify(body)}`);
    return body.data;
  };
  const all = async (requests: CreateRequest[]) => {
    const results: Array<Record<string, string>> = new Array(requests.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < requests.length; i = next++) results[i] = await post(requests[i]!);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  };
  const steps = createSteps(shape, slug);
  const org = await post(steps.organization);
  const made = await all(steps.underOrganization(org.id!));
  const workspaceIds = made.slice(0, shape.workspaces).map((ws) => ws.id!);
  const userIds = made.slice(shape.workspaces, shape.workspaces + shape.members).map((member) => member.user_id!);
  await all(steps.underWorkspaces(workspaceIds, userIds));
  await pool.close();
  return calls;
}
