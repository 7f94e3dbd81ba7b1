/**
 * The provider functions: the lookups the Terraform data sources offer, by the same engine calls.
 * `schema.json` declares them from `FUNCTIONS` (see scripts/generate/pulumi-schema.ts).
 */
import type { Engine } from "../../engine";
import { KINDS, type KindName, shownFields, type Values } from "../../model/resources";
import type { CheckFailure } from "../steps";

export interface ProviderFunction {
  description: string;
  /** The kind whose object the function returns, looked up by `id` or by `keys`; absent for the role catalogue. */
  lookup?: { kind: KindName; keys: string[] };
}

export const FUNCTIONS: Record<string, ProviderFunction> = {
  "scrums:index:getOrganization": {
    description: "An organization, looked up by `id` or `slug`.",
    lookup: { kind: "Organization", keys: ["slug"] },
  },
  "scrums:index:getWorkspace": {
    description: "A workspace, looked up by `id`, or by `organizationId` and `slug`.",
    lookup: { kind: "Workspace", keys: ["organizationId", "slug"] },
  },
  "scrums:index:getRoles": {
    description: "The organization's role catalogue: each role, what it is for, and its permissions.",
  },
};

const given = (value: unknown) => value !== undefined && value !== null && value !== "";

/** What is wrong with a function's arguments, before anything is sent. */
function argumentFailures(fn: ProviderFunction, args: Values): CheckFailure[] {
  if (!fn.lookup) return given(args.organizationId) ? [] : [{ property: "organizationId", reason: "is required" }];
  const byKeys = fn.lookup.keys.every((key) => given(args[key]));
  if (given(args.id) !== byKeys) return [];
  return [{ property: given(args.id) ? "id" : "", reason: `give either id or ${fn.lookup.keys.join(" and ")}` }];
}

export async function invoke(
  engine: () => Engine,
  token: string,
  args: Values,
): Promise<{ result: Values; failures: CheckFailure[] }> {
  const fn = FUNCTIONS[token];
  if (!fn) throw new Error(`the scrums provider has no function ${token}`);
  const failures = argumentFailures(fn, args);
  if (failures.length > 0) return { result: {}, failures };
  if (!fn.lookup) {
    const organizationId = String(args.organizationId);
    return { result: { id: organizationId, organizationId, roles: await engine().roles(organizationId) }, failures };
  }
  const { kind, keys } = fn.lookup;
  const byId = given(args.id) ? String(args.id) : undefined;
  const found = await engine().lookup(kind, byId, Object.fromEntries(keys.map((key) => [key, args[key]])));
  const shown = Object.keys(shownFields(KINDS[kind].fields));
  return {
    result: { id: found.id, ...Object.fromEntries(shown.map((name) => [name, found.state[name] ?? null])) },
    failures,
  };
}
