/**
 * Data sources: an organization or a workspace looked up by id or slug, and an organization's role
 * catalogue. Their attributes are the kinds' platform fields, all computed but the lookup keys.
 */
import { Role } from "../model/api";
import { KINDS, type KindName, type KindSpec, shownFields } from "../model/resources";
import { type Diagnostic, errorDiagnostic } from "./diagnostics";
import { isUnknown } from "./protocol/cty";
import type { Session } from "./resources";
import { inTerraformWords, snakeCase } from "../model/naming";
import { type Attribute, attributesOf, ctyType, ID_ATTRIBUTE, objectType } from "./schema";
import { type TerraformObject, terraformObjectOf } from "./state";
import type { CtyType } from "./protocol/cty";

export interface DataSourceSchema {
  description: string;
  attributes: Attribute[];
  type: CtyType;
  /** Which combinations of attributes name the object. */
  validate(config: TerraformObject): string | undefined;
  read(session: Session, config: TerraformObject): Promise<TerraformObject>;
}

const computedOnly = (attribute: Attribute): Attribute => ({
  ...attribute,
  required: false,
  optional: false,
  computed: true,
  ...(attribute.nested ? { nested: attribute.nested.map(computedOnly) } : {}),
});

/** A kind's platform fields as computed attributes, with `keys` (and `id`) optional lookup arguments. */
function lookupAttributes(kind: KindSpec, keys: string[]): Attribute[] {
  const fields = shownFields(kind.fields);
  const lookup = (attribute: Attribute) =>
    keys.includes(attribute.field ?? "")
      ? { ...attribute, required: false, optional: true, computed: true }
      : computedOnly(attribute);
  return [
    {
      ...ID_ATTRIBUTE,
      optional: true,
      description: `The ${kind.name.toLowerCase()}'s id. Give this or ${keys.map(snakeCase).join(" and ")}.`,
    },
    ...attributesOf(fields).map(lookup),
  ];
}

const given = (value: unknown) => value !== null && value !== undefined && !isUnknown(value);

function lookupSource(kindName: KindName, keys: string[], description: string): DataSourceSchema {
  const kind: KindSpec = KINDS[kindName];
  const attributes = lookupAttributes(kind, keys);
  const keyNames = keys.map(snakeCase);
  return {
    description,
    attributes,
    type: objectType(attributes),
    validate(config) {
      const byId = config.id !== null && config.id !== undefined;
      const byKeys = keyNames.every((name) => config[name] !== null && config[name] !== undefined);
      return byId === byKeys ? `give either id or ${keyNames.join(" and ")}` : undefined;
    },
    async read(session, config) {
      const keyValues = Object.fromEntries(keys.map((key) => [key, config[snakeCase(key)]]));
      const found = await session
        .engine()
        .lookup(kindName, given(config.id) ? String(config.id) : undefined, keyValues)
        .catch((error: Error) => Promise.reject(new Error(inTerraformWords(error.message, kind.fields))));
      return { id: found.id, ...terraformObjectOf(attributes.slice(1), found.state, {}, session.rendering) };
    },
  };
}

const ROLE_TYPE = ctyType(Role);

const rolesSource: DataSourceSchema = {
  description: "The organization's role catalogue: each role, what it is for, and its permissions.",
  attributes: [
    { ...ID_ATTRIBUTE, description: "The organization's id." },
    {
      ...ID_ATTRIBUTE,
      name: "organization_id",
      required: true,
      computed: false,
      description: "The organization (`ORG-…`).",
    },
    {
      ...ID_ATTRIBUTE,
      name: "roles",
      type: ["list", ROLE_TYPE],
      description: "The roles, in rank order: `role`, `description`, `permissions`.",
    },
  ],
  get type() {
    return objectType(this.attributes);
  },
  validate: () => undefined,
  async read(session, config) {
    const organizationId = String(config.organization_id);
    return { id: organizationId, organization_id: organizationId, roles: await session.engine().roles(organizationId) };
  },
};

export const DATA_SOURCES: ReadonlyMap<string, DataSourceSchema> = new Map([
  ["scrums_organization", lookupSource("Organization", ["slug"], "An organization, looked up by `id` or `slug`.")],
  [
    "scrums_workspace",
    lookupSource(
      "Workspace",
      ["organizationId", "slug"],
      "A workspace, looked up by `id`, or by `organization_id` and `slug`.",
    ),
  ],
  ["scrums_roles", rolesSource],
]);

export function validateDataSource(typeName: string, config: TerraformObject): Diagnostic[] {
  const source = DATA_SOURCES.get(typeName);
  if (!source) return [errorDiagnostic("Unknown data source", `scrums has no data source ${typeName}`)];
  const problem = source.validate(config);
  return problem ? [errorDiagnostic(`Invalid ${typeName}`, `${typeName}: ${problem}`)] : [];
}
