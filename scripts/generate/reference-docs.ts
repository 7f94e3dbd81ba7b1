/**
 * Writes docs/reference.md, one section per resource kind, from the model registry: `npm run generate`,
 * or `npx ts-node --transpile-only scripts/generate/reference-docs.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Fields, type FieldSpec, hashKey, KINDS, type KindSpec } from "../../provider/model/resources";
import { snakeCase } from "../../provider/model/naming";
import { type ValueType, valueTypeOf } from "../../provider/model/value-types";
import { describe } from "./model-types";
import { tokenOf } from "./pulumi-schema";

export const REFERENCE_DOCS_PATH = path.join(__dirname, "../../docs/reference.md");

const typeName = (type: ValueType): string => {
  switch (type.kind) {
    case "array":
      return `list(${typeName(type.items)})`;
    case "map":
      return `map(${typeName(type.values)})`;
    default:
      return type.kind;
  }
};

const code = (text: string) => `\`${text}\``;

const defaultOf = (spec: FieldSpec) =>
  spec.default === undefined
    ? ""
    : code(typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default));

function flagsOf(name: string, spec: FieldSpec): string {
  const flags: string[] = [];
  if (spec.immutable) flags.push("immutable: forces replacement");
  if (spec.createOnly) flags.push("create-only: later differences are ignored");
  if (spec.secret) flags.push("secret");
  if (spec.writeOnly) flags.push(`write-only: state keeps ${code(hashKey(name, spec))}`);
  if (spec.context) flags.push("context: only checks the declaration; never sent, never a reason for an update");
  return flags.join("; ");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n+/g, " ");

/** Rows for the fields, members of object-valued fields right after their field, as `saml.entityId`. */
function rows(fields: Fields, prefix = "", terraformPrefix = ""): string[] {
  return Object.entries(fields).flatMap(([name, spec]) => {
    const { type, nullable } = valueTypeOf(spec);
    const terraformName = terraformPrefix + snakeCase(name);
    const row = [
      code(prefix + name),
      code(terraformName),
      typeName(type) + (nullable ? " or null" : ""),
      spec.role,
      defaultOf(spec),
      flagsOf(name, spec),
      describe(spec),
    ];
    const members = spec.fields ? rows(spec.fields, `${prefix}${name}.`, `${terraformName}.`) : [];
    return [`| ${row.map(cell).join(" | ")} |`, ...members];
  });
}

function section(kind: KindSpec): string {
  return [
    `## ${kind.name}`,
    `Pulumi: ${code(kind.name)} (${code(tokenOf(kind.name))} in schema.json) · Terraform: ${code(kind.terraformType)}`,
    kind.description,
    `**Import id:** ${kind.importId}`,
    [
      "| Field | Terraform | Type | Role | Default | Flags | Description |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...rows(kind.fields),
    ].join("\n"),
  ].join("\n\n");
}

export function renderReferenceDocs(): string {
  const kinds = Object.values(KINDS) as KindSpec[];
  const intro = [
    "# Resource reference",
    "<!-- Generated from provider/model/resources by `npm run generate`: edit the model, not this file. -->",
    "Every resource kind is a Pulumi class of `scrums-iac/pulumi` and a Terraform resource type. Fields are named in camelCase " +
      "in Pulumi and in snake_case in Terraform. Required fields must be declared; optional ones may be, and when absent take " +
      "their default or, without one, leave the platform's value alone; computed ones are set by the platform. Members of an " +
      "object-valued field are listed under it, as `field.member`.",
    kinds.map((kind) => `- [${kind.name}](#${kind.name.toLowerCase()}) (${code(kind.terraformType)})`).join("\n"),
  ];
  return `${[...intro, ...kinds.map(section)].join("\n\n")}\n`;
}

if (require.main === module) {
  mkdirSync(path.dirname(REFERENCE_DOCS_PATH), { recursive: true });
  writeFileSync(REFERENCE_DOCS_PATH, renderReferenceDocs());
  console.log(`wrote ${path.relative(process.cwd(), REFERENCE_DOCS_PATH)}`);
}
