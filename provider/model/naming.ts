/**
 * The names each front end gives the model's fields and kinds. The model, Pulumi and policy code
 * speak the model's names (`requireMfa`, `Organization`); Terraform, OpenTofu and CDKTF's
 * synthesized configuration speak snake_case attributes (`require_mfa`) and resource types
 * (`scrums_organization`). A message shown to a person is written once, in the model's names, and
 * rendered in the words of the front end that shows it.
 */
import { type Fields, KINDS } from "./resources";

export type FrontEnd = "pulumi" | "terraform";

/** `verificationTimeoutSeconds` → `verification_timeout_seconds`, `line1` → `line1`. */
export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** A dotted field in a front end's names: `saml.entityId`, or `saml.entity_id` for Terraform. */
export const fieldName = (field: string, frontEnd: FrontEnd) =>
  frontEnd === "terraform" ? field.split(".").map(snakeCase).join(".") : field;

const TERRAFORM_TYPES: Record<string, string> = Object.fromEntries(
  Object.values(KINDS).map((kind) => [kind.name, kind.terraformType]),
);

/** Rewrites the model's `fieldName` and `KindName` mentions (in backquotes, as descriptions write them) in Terraform's words. */
export const terraformWords = (text: string) =>
  text.replace(/`([A-Za-z]+)`/g, (whole, word: string) => {
    if (TERRAFORM_TYPES[word]) return `\`${TERRAFORM_TYPES[word]}\``;
    return /^[a-z]+[A-Z]/.test(word) ? `\`${snakeCase(word)}\`` : whole;
  });

const namesIn = (fields: Fields): string[] =>
  Object.entries(fields).flatMap(([name, spec]) => [name, ...(spec.fields ? namesIn(spec.fields) : [])]);

/** Every kind's fields: a message may name fields of several kinds (a rule on organizations naming a domain's). */
const ALL_FIELDS: Fields = Object.assign({}, ...Object.values(KINDS).map((kind) => kind.fields));

/** Rewrites a message's mentions of the fields' names (quoted or bare) as Terraform attribute names. */
export function inTerraformWords(text: string, fields: Fields = ALL_FIELDS): string {
  const names = new Set(namesIn(fields).filter((name) => /[A-Z]/.test(name)));
  return terraformWords(text).replace(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, (word) =>
    names.has(word) ? snakeCase(word) : word,
  );
}
