/**
 * Moving a stack from the dynamic resources to the native provider's: from the stack's export, the
 * `pulumi import --file` that takes over each object as a `scrums:index:<Kind>` resource of the same
 * name, and the URNs of the dynamic resources to forget first (`pulumi state delete`).
 */
import { importIdOf, KINDS, type KindName } from "../../model/resources";
import { TYPE_PREFIX } from "./resources";

const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/scrums:";
const STACK_TYPE = "pulumi:pulumi:Stack";

interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  parent?: string;
  outputs?: Record<string, unknown>;
}

export interface StackExport {
  deployment: { resources?: ExportedResource[] };
}

/** One entry of Pulumi's import file. */
export interface ImportEntry {
  type: string;
  name: string;
  id: string;
  /** A key of `nameTable`: the resource's parent, when it is not the stack. */
  parent?: string;
}

export interface Migration {
  importFile: { nameTable?: Record<string, string>; resources: ImportEntry[] };
  /** The dynamic resources' URNs, dependents first: the order `pulumi state delete` accepts them in. */
  forget: string[];
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

export function migration(exported: StackExport): Migration {
  const resources = exported.deployment.resources ?? [];
  const typeOf = new Map(resources.map((resource) => [resource.urn, resource.type]));
  const nameTable: Record<string, string> = {};
  const entries: ImportEntry[] = [];
  const forget: string[] = [];
  for (const resource of resources) {
    if (!resource.type.startsWith(DYNAMIC_PREFIX) || !resource.id) continue;
    const kind = resource.type.slice(DYNAMIC_PREFIX.length) as KindName;
    if (!(kind in KINDS)) continue;
    const entry: ImportEntry = {
      type: `${TYPE_PREFIX}${kind}`,
      name: nameOf(resource.urn),
      id: importIdOf(KINDS[kind], resource.id, resource.outputs ?? {}),
    };
    if (resource.parent && typeOf.get(resource.parent) !== STACK_TYPE) {
      nameTable[nameOf(resource.parent)] = resource.parent;
      entry.parent = nameOf(resource.parent);
    }
    entries.push(entry);
    forget.unshift(resource.urn);
  }
  const importFile = Object.keys(nameTable).length ? { nameTable, resources: entries } : { resources: entries };
  return { importFile, forget };
}
