/**
 * Writes schema.json, the Pulumi package schema of the native `scrums` provider (which serves it from
 * GetSchema), from the model registry and the provider's functions: `npm run generate`, or `npx ts-node --transpile-only scripts/generate/pulumi-schema.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Role } from "../../provider/model/api";
import { type Fields, type FieldSpec, KINDS, type KindSpec, shownFields } from "../../provider/model/resources";
import { schemaValueType, type ValueType, valueTypeOf } from "../../provider/model/value-types";
import { FUNCTIONS, type ProviderFunction } from "../../provider/pulumi/native/invoke";
import {
  describe,
  hashDescription,
  holdsSecret,
  inputFields,
  pascalCase,
  stateKeys,
  stateShapeDiffers,
} from "./model-types";

const ROOT = path.join(__dirname, "../..");
export const PULUMI_SCHEMA_PATH = path.join(ROOT, "schema.json");

export const PACKAGE_NAME = "scrums";
export const tokenOf = (name: string) => `${PACKAGE_NAME}:index:${name}`;

export interface TypeSpec {
  type?: string;
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  $ref?: string;
}

export interface PropertySpec extends TypeSpec {
  description: string;
  default?: string | number | boolean;
  defaultInfo?: { environment: string[] };
  secret?: true;
  replaceOnChanges?: true;
}

export type Properties = Record<string, PropertySpec>;

export interface ObjectTypeSpec {
  description: string;
  type: "object";
  properties: Properties;
  required?: string[];
}

export interface ResourceSpec {
  description: string;
  inputProperties: Properties;
  requiredInputs?: string[];
  properties?: Properties;
  required?: string[];
}

export interface FunctionSpec {
  description: string;
  inputs: { properties: Properties; required?: string[] };
  outputs: { properties: Properties; required: string[] };
}

export interface PulumiSchema {
  name: string;
  displayName: string;
  description: string;
  version: string;
  license: string;
  config: { variables: Properties };
  provider: ResourceSpec;
  resources: Record<string, ResourceSpec>;
  types: Record<string, ObjectTypeSpec>;
  functions: Record<string, FunctionSpec>;
}

const ANY: TypeSpec = { $ref: "pulumi.json#/Any" };

const CONFIG: Properties = {
  apiUrl: {
    type: "string",
    description:
      "The base URL of the Scrums platform API. When unset, the `SCRUMS_API_URL` environment variable is used.",
    defaultInfo: { environment: ["SCRUMS_API_URL"] },
  },
  apiToken: {
    type: "string",
    secret: true,
    description:
      "The API token the provider calls the platform with. When unset, the `SCRUMS_API_TOKEN` environment variable is used.",
    defaultInfo: { environment: ["SCRUMS_API_TOKEN"] },
  },
};

function typeSpec(type: ValueType, objectToken: string | undefined): TypeSpec {
  switch (type.kind) {
    case "any":
      return ANY;
    case "array":
      return { type: "array", items: typeSpec(type.items, undefined) };
    case "map":
      return { type: "object", additionalProperties: typeSpec(type.values, undefined) };
    case "object":
      return { $ref: `#/types/${objectToken}` };
    default:
      return { type: type.kind };
  }
}

// The metaschema allows only scalar defaults; `{}` defaults (an integration's secrets) stay in the docs.
const isScalar = (value: unknown): value is string | number | boolean =>
  ["string", "number", "boolean"].includes(typeof value);

const flags = (spec: FieldSpec, secret: boolean) => ({
  ...(secret && { secret: true as const }),
  ...(spec.immutable && { replaceOnChanges: true as const }),
});

/** The properties a set of fields declares and keeps in state; object-valued fields register their types in `types`. */
interface FieldProperties {
  inputs: Properties;
  requiredInputs: string[];
  state: Properties;
  requiredState: string[];
}

function fieldProperties(owner: string, fields: Fields, types: Record<string, ObjectTypeSpec>): FieldProperties {
  const refs = new Map<string, { input: string; state: string }>();
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.fields && !spec.context) refs.set(name, objectTypes(owner + pascalCase(name), spec, types));
  }

  const inputs: Properties = {};
  for (const [name, spec] of inputFields(fields)) {
    inputs[name] = {
      ...typeSpec(valueTypeOf(spec).type, refs.get(name)?.input),
      description: describe(spec),
      ...(isScalar(spec.default) && { default: spec.default }),
      ...flags(spec, holdsSecret(spec)),
    };
  }

  const state: Properties = {};
  for (const { key, name, spec, hashed } of stateKeys(fields)) {
    state[key] = hashed
      ? { type: "string", description: hashDescription(name), ...flags(spec, false) }
      : {
          ...typeSpec(valueTypeOf(spec).type, refs.get(name)?.state),
          description: describe(spec),
          ...flags(spec, holdsSecret(spec)),
        };
  }

  return {
    inputs,
    requiredInputs: inputFields(fields)
      .filter(([, spec]) => spec.role === "required")
      .map(([name]) => name),
    state,
    requiredState: stateKeys(fields)
      .filter(({ spec }) => spec.role !== "optional")
      .map(({ key }) => key),
  };
}

/** Registers an object-valued field's type, and a `…State` variant when its state holds hashes instead of values. */
function objectTypes(name: string, spec: FieldSpec, types: Record<string, ObjectTypeSpec>) {
  const members = spec.fields!;
  const { inputs, requiredInputs, state, requiredState } = fieldProperties(name, members, types);
  const objectType = (properties: Properties, required: string[]): ObjectTypeSpec => ({
    description: spec.description,
    type: "object",
    properties,
    ...(required.length > 0 && { required }),
  });
  const input = tokenOf(name);
  types[input] = objectType(inputs, requiredInputs);
  if (!stateShapeDiffers(members)) return { input, state: input };
  const stateToken = tokenOf(`${name}State`);
  types[stateToken] = objectType(state, requiredState);
  return { input, state: stateToken };
}

function resourceDescription(kind: KindSpec) {
  return [
    kind.description,
    "## Import",
    `Import id: ${kind.importId}. The canonical id is stored; \`pulumi import\` prints the declaration that holds the object as it is.`,
  ].join("\n\n");
}

const ID_PROPERTY: PropertySpec = { type: "string", description: "The object's id." };

/** A function's inputs and outputs: a lookup's keys and the kind's platform fields, or the role catalogue. */
function functionSpec(fn: ProviderFunction, types: Record<string, ObjectTypeSpec>): FunctionSpec {
  if (!fn.lookup) {
    const organizationId = { type: "string", description: "The organization (`ORG-…`)." };
    types[tokenOf("Role")] = roleType();
    return {
      description: fn.description,
      inputs: { properties: { organizationId }, required: ["organizationId"] },
      outputs: {
        properties: {
          id: { ...ID_PROPERTY, description: "The organization's id." },
          organizationId,
          roles: {
            type: "array",
            items: { $ref: `#/types/${tokenOf("Role")}` },
            description: "The roles, in rank order: `role`, `description`, `permissions`.",
          },
        },
        required: ["id", "organizationId", "roles"],
      },
    };
  }
  const { kind, keys } = fn.lookup;
  const { state, requiredState } = fieldProperties(kind, shownFields(KINDS[kind].fields), types);
  const pick = ({ replaceOnChanges: _replace, ...property }: PropertySpec) => property;
  return {
    description: fn.description,
    inputs: {
      properties: {
        id: { ...ID_PROPERTY, description: `The ${kind.toLowerCase()}'s id. Give this or ${keys.join(" and ")}.` },
        ...Object.fromEntries(keys.map((key) => [key, pick(state[key]!)])),
      },
    },
    outputs: {
      properties: { id: ID_PROPERTY, ...Object.fromEntries(Object.entries(state).map(([key, p]) => [key, pick(p)])) },
      required: ["id", ...requiredState],
    },
  };
}

/** The role catalogue's entries, from the API's schema. */
function roleType(): ObjectTypeSpec {
  const { type } = schemaValueType(Role);
  const properties = type.kind === "object" ? (type.properties ?? {}) : {};
  return {
    description: "A role of the organization's catalogue.",
    type: "object",
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, value]) => [
        name,
        { ...typeSpec(value, undefined), description: ROLE_MEMBERS[name] ?? name },
      ]),
    ),
    required: Object.keys(properties),
  };
}

const ROLE_MEMBERS: Record<string, string> = {
  role: "The role's name.",
  description: "What the role is for.",
  permissions: "What the role may do.",
};

export function buildPulumiSchema(): PulumiSchema {
  const { version, license } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
    license: string;
  };
  const types: Record<string, ObjectTypeSpec> = {};
  const resources: Record<string, ResourceSpec> = {};
  for (const kind of Object.values(KINDS) as KindSpec[]) {
    const { inputs, requiredInputs, state, requiredState } = fieldProperties(kind.name, kind.fields, types);
    resources[tokenOf(kind.name)] = {
      description: resourceDescription(kind),
      inputProperties: inputs,
      requiredInputs,
      properties: state,
      required: requiredState,
    };
  }
  return {
    name: PACKAGE_NAME,
    displayName: "Scrums",
    description:
      "The organization layer of the Scrums platform: organizations, workspaces, their members, domains and integrations.",
    version,
    license,
    config: { variables: CONFIG },
    provider: {
      description: `The \`${PACKAGE_NAME}\` provider: the platform API to manage and the token to call it with.`,
      inputProperties: CONFIG,
    },
    resources,
    types,
    functions: Object.fromEntries(Object.entries(FUNCTIONS).map(([token, fn]) => [token, functionSpec(fn, types)])),
  };
}

export const renderPulumiSchema = () => `${JSON.stringify(buildPulumiSchema(), null, 2)}\n`;

if (require.main === module) {
  writeFileSync(PULUMI_SCHEMA_PATH, renderPulumiSchema());
  console.log(`wrote ${path.relative(process.cwd(), PULUMI_SCHEMA_PATH)}`);
}
