import { readFileSync } from "node:fs";
import { type Fields, hashKey, KINDS, type KindSpec } from "../../../provider/model/resources";
import {
  type Properties,
  PULUMI_SCHEMA_PATH,
  type PulumiSchema,
  renderPulumiSchema,
  tokenOf,
} from "../../../scripts/generate/pulumi-schema";
import { REFERENCE_DOCS_PATH, renderReferenceDocs } from "../../../scripts/generate/reference-docs";

const STALE = "is stale: run `npm run generate` and commit the result";
const kinds = Object.values(KINDS) as KindSpec[];

describe("the checked-in Pulumi schema and reference docs", () => {
  const checkedInSchema = readFileSync(PULUMI_SCHEMA_PATH, "utf8");
  const schema = JSON.parse(checkedInSchema) as PulumiSchema;

  it("are what the model generates", () => {
    // A plain comparison first, so the failure names the command to run rather than a long diff.
    const stale = [
      checkedInSchema !== renderPulumiSchema() && `schema.json ${STALE}`,
      readFileSync(REFERENCE_DOCS_PATH, "utf8") !== renderReferenceDocs() && `docs/reference.md ${STALE}`,
    ].filter(Boolean);
    expect(stale).toEqual([]);
  });

  it("come out the same on every run", () => {
    expect(renderPulumiSchema()).toBe(renderPulumiSchema());
    expect(renderReferenceDocs()).toBe(renderReferenceDocs());
  });

  it("list every field of every kind in docs/reference.md, context fields (planned_sso_domains, organization_role) included", () => {
    const docs = readFileSync(REFERENCE_DOCS_PATH, "utf8");
    const rowsOf = (fields: Fields, prefix = ""): string[] =>
      Object.entries(fields).flatMap(([name, spec]) => [
        `| \`${prefix}${name}\` |`,
        ...(spec.fields ? rowsOf(spec.fields, `${prefix}${name}.`) : []),
      ]);
    const missing = kinds.flatMap((kind) =>
      rowsOf(kind.fields)
        .filter((row) => !docs.includes(row))
        .map((row) => `${kind.name} ${row}`),
    );
    expect(missing).toEqual([]);
    expect(docs).toMatch(/\| `plannedSsoDomains` \| `planned_sso_domains` \|/);
    expect(docs).toMatch(/\| `organizationRole` \| `organization_role` \|/);
  });

  it("has a resource for every kind, and nothing else", () => {
    expect(Object.keys(schema.resources).sort()).toEqual(kinds.map((kind) => tokenOf(kind.name)).sort());
  });

  it("configures the provider with the API address and a secret token", () => {
    expect(schema.config.variables.apiUrl?.type).toBe("string");
    expect(schema.config.variables.apiToken?.secret).toBe(true);
    expect(schema.provider.inputProperties).toEqual(schema.config.variables);
  });

  describe.each(kinds.map((kind) => [kind.name, kind] as const))("%s", (_name, kind) => {
    const resource = schema.resources[tokenOf(kind.name)]!;
    const fields: Fields = kind.fields;

    it("takes every declarable field as input, context ones included, and requires the required ones", () => {
      const declarable = Object.entries(fields).filter(([, spec]) => spec.role !== "computed");
      expect(Object.keys(resource.inputProperties)).toEqual(declarable.map(([name]) => name));
      expect(resource.requiredInputs ?? []).toEqual(
        declarable.filter(([, spec]) => spec.role === "required").map(([name]) => name),
      );
    });

    it("keeps every field but context ones in state, write-only ones by their hash", () => {
      const keys = Object.entries(fields)
        .filter(([, spec]) => !spec.context)
        .map(([name, spec]) => (spec.writeOnly ? hashKey(name, spec) : name));
      expect(Object.keys(resource.properties ?? {})).toEqual(keys);
      for (const key of resource.required ?? []) expect(keys).toContain(key);
      for (const key of resource.requiredInputs ?? []) expect(resource.required).toContain(key);
    });

    it("replaces the resource when an immutable field changes", () => {
      for (const [name, spec] of Object.entries(fields).filter(([, spec]) => !spec.context)) {
        const stateKey = spec.writeOnly ? hashKey(name, spec) : name;
        expect({ [name]: resource.inputProperties[name]?.replaceOnChanges }).toEqual({
          [name]: spec.immutable ? true : undefined,
        });
        expect({ [stateKey]: resource.properties?.[stateKey]?.replaceOnChanges }).toEqual({
          [stateKey]: spec.immutable ? true : undefined,
        });
      }
    });

    it("marks secret fields secret, and objects holding one", () => {
      for (const [name, spec] of Object.entries(fields).filter(([, spec]) => !spec.context)) {
        const holdsSecret = Boolean(spec.secret || Object.values(spec.fields ?? {}).some((member) => member.secret));
        if (spec.role !== "computed")
          expect({ [name]: resource.inputProperties[name]?.secret }).toEqual({ [name]: holdsSecret || undefined });
        if (!spec.writeOnly)
          expect({ [name]: resource.properties?.[name]?.secret }).toEqual({ [name]: holdsSecret || undefined });
      }
    });
  });

  it("marks the secret members of object types secret", () => {
    for (const kind of kinds) {
      for (const [name, spec] of Object.entries(kind.fields as Fields)) {
        if (!spec.fields) continue;
        const type = schema.types[tokenOf(kind.name + name.charAt(0).toUpperCase() + name.slice(1))];
        expect(type).toBeDefined();
        for (const [member, memberSpec] of Object.entries(spec.fields)) {
          expect({ [member]: type!.properties[member]?.secret }).toEqual({ [member]: memberSpec.secret || undefined });
        }
      }
    }
  });

  it("offers the Terraform data sources' lookups as functions", () => {
    expect(Object.keys(schema.functions)).toEqual([
      "scrums:index:getOrganization",
      "scrums:index:getWorkspace",
      "scrums:index:getRoles",
    ]);
    expect(Object.keys(schema.functions["scrums:index:getWorkspace"]!.inputs.properties)).toEqual([
      "id",
      "organizationId",
      "slug",
    ]);
    expect(schema.functions["scrums:index:getOrganization"]!.outputs.properties.scimToken).toBeUndefined();
    expect(schema.functions["scrums:index:getRoles"]!.outputs.properties.roles?.items?.$ref).toBe(
      "#/types/scrums:index:Role",
    );
  });

  it("describes every property", () => {
    const undescribed = allProperties(schema)
      .filter(([, property]) => !property.description?.trim())
      .map(([where]) => where);
    expect(undescribed).toEqual([]);
  });

  it("refers only to types it defines, and defines none it does not use", () => {
    const refs = [...new Set(refsIn(schema))];
    const local = refs.filter((ref) => ref.startsWith("#/types/")).map((ref) => ref.slice("#/types/".length));
    expect(refs.filter((ref) => !ref.startsWith("#/types/") && ref !== "pulumi.json#/Any")).toEqual([]);
    expect(local.filter((token) => !(token in schema.types))).toEqual([]);
    expect(Object.keys(schema.types).filter((token) => !local.includes(token))).toEqual([]);
  });

  it("gives the state of an object with write-only members its own type", () => {
    expect(schema.resources[tokenOf("Domain")]!.inputProperties.saml?.$ref).toBe("#/types/scrums:index:DomainSaml");
    expect(schema.resources[tokenOf("Domain")]!.properties?.saml?.$ref).toBe("#/types/scrums:index:DomainSamlState");
    expect(Object.keys(schema.types["scrums:index:DomainSamlState"]!.properties)).toEqual([
      "entityId",
      "acsUrl",
      "certificateSha256",
    ]);
    expect(schema.resources[tokenOf("Organization")]!.properties?.address?.$ref).toBe(
      "#/types/scrums:index:OrganizationAddress",
    );
  });
});

function allProperties(schema: PulumiSchema): [string, Properties[string]][] {
  const named = (where: string, properties: Properties | undefined) =>
    Object.entries(properties ?? {}).map(
      ([name, property]) => [`${where}.${name}`, property] as [string, Properties[string]],
    );
  return [
    ...named("config", schema.config.variables),
    ...named("provider", schema.provider.inputProperties),
    ...Object.entries(schema.resources).flatMap(([token, resource]) => [
      ...named(`${token} input`, resource.inputProperties),
      ...named(`${token} state`, resource.properties),
    ]),
    ...Object.entries(schema.types).flatMap(([token, type]) => named(token, type.properties)),
    ...Object.entries(schema.functions).flatMap(([token, fn]) => [
      ...named(`${token} input`, fn.inputs.properties),
      ...named(`${token} output`, fn.outputs.properties),
    ]),
  ];
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, member]) =>
    key === "$ref" && typeof member === "string" ? [member] : refsIn(member),
  );
}
