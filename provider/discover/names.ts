/**
 * Resource names a person would choose: from slugs, emails and domain names, unique across the
 * whole graph (so each is also a variable name in TypeScript and Python). A collision is resolved
 * by a longer name (a member's whole email, another kind's name with the kind), then by a number,
 * in the order of the objects' ids: names do not move when another discover run finds the same objects.
 */
import type { KindName } from "../model/resources";
import type { DiscoveredObject } from "./read";

const KIND_SUFFIX: Record<Exclude<KindName, "OrganizationMember">, string> = {
  Organization: "organization",
  Workspace: "workspace",
  WorkspaceMember: "access",
  Domain: "domain",
  Integration: "integration",
};

/** Keywords of the languages names are written in, and names their programs already use. */
const TAKEN = new Set(
  (
    "and as assert async await break case catch class config const continue def default del delete do elif else " +
    "enum except export extends false finally for from function global if import in instanceof is lambda let new " +
    "none nonlocal not null or pass pulumi raise return scrums super switch this throw true try type typeof var " +
    "void while with yield"
  ).split(" "),
);

/** `Sam.O'Neil@Example.com` → `sam_o_neil`; a name never starts with a digit. */
export const identifier = (text: string): string => {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(words) ? words : `n_${words}`;
};

/** Each object's resource name, given objects in the order in which names are handed out. */
export function resourceNames(objects: readonly DiscoveredObject[]): Map<DiscoveredObject, string> {
  const names = new Map<DiscoveredObject, string>();
  const used = new Set<string>();
  const byId = new Map(objects.map((object) => [object.id, object]));
  const nameOfId = (id: unknown) => {
    const object = byId.get(String(id));
    return object ? names.get(object) : undefined;
  };
  const memberNameOf = (userId: unknown) => {
    const member = objects.find((object) => object.kind === "OrganizationMember" && object.state.userId === userId);
    return member ? names.get(member) : identifier(String(userId));
  };
  const baseOf = (object: DiscoveredObject): string => {
    const { state } = object;
    switch (object.kind) {
      case "Organization":
      case "Workspace":
        return identifier(String(state.slug));
      case "OrganizationMember":
        return identifier(String(state.email).split("@")[0]!);
      case "Domain":
        return identifier(String(state.domain));
      case "WorkspaceMember":
        return `${nameOfId(state.workspaceId) ?? identifier(String(state.workspaceId))}_${memberNameOf(state.userId)}`;
      case "Integration":
        return `${nameOfId(state.workspaceId ?? state.organizationId) ?? "organization"}_${identifier(String(state.type))}`;
    }
  };
  for (const object of objects) {
    const base = baseOf(object);
    const alternative =
      object.kind === "OrganizationMember"
        ? identifier(String(object.state.email))
        : `${base}_${KIND_SUFFIX[object.kind]}`;
    const candidates = [base, alternative];
    let name = candidates.find((candidate) => !used.has(candidate) && !TAKEN.has(candidate));
    for (let n = 2; name === undefined; n++) if (!used.has(`${base}_${n}`)) name = `${base}_${n}`;
    used.add(name);
    names.set(object, name);
  }
  return names;
}
