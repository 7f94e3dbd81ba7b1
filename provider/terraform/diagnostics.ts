/**
 * Diagnostics as Terraform shows them: an error or a warning, in Terraform's attribute names, and
 * pointing at the offending attribute so Terraform can show its file and line.
 */
import { inTerraformWords } from "../model/naming";
import type { Fields, Issue } from "../model/resources";
import type { Attribute } from "./schema";

export type PathStep = { attribute_name: string } | { element_key_string: string } | { element_key_int: number };

export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  summary: string;
  detail: string;
  attribute?: { steps: PathStep[] };
}

/** The attribute path of a dotted model field (`saml.entityId`, `secrets.webhook_secret`). */
export function attributePath(attributes: Attribute[], field: string): { steps: PathStep[]; name: string } {
  const steps: PathStep[] = [];
  const names: string[] = [];
  let level: Attribute[] | undefined = attributes;
  let previous: Attribute | undefined;
  for (const segment of field.split(".")) {
    const attribute: Attribute | undefined = level?.find((a) => a.field === segment);
    if (attribute) {
      steps.push({ attribute_name: attribute.name });
      names.push(attribute.name);
    } else if (previous && Array.isArray(previous.type) && previous.type[0] === "map") {
      steps.push({ element_key_string: segment });
      names.push(`["${segment}"]`);
    } else if (/^\d+$/.test(segment)) {
      steps.push({ element_key_int: Number(segment) });
      names.push(`[${segment}]`);
    } else {
      steps.push({ attribute_name: segment });
      names.push(segment);
    }
    previous = attribute;
    level = attribute?.nested;
  }
  return { steps, name: names.join(".").replace(/\.\[/g, "[") };
}

export function issueDiagnostics(
  resourceType: string,
  fields: Fields,
  attributes: Attribute[],
  issues: Issue[],
): Diagnostic[] {
  return issues.map((issue) => {
    const path = attributePath(attributes, issue.field);
    const reason = inTerraformWords(issue.reason, fields);
    // A missing member has no place in the file: point at the object that lacks it.
    const missing = reason.startsWith("is required") && path.steps.length > 1;
    return {
      severity: "ERROR",
      summary: `Invalid ${path.name}`,
      detail: `${resourceType}: ${path.name} ${reason}`,
      attribute: { steps: missing ? path.steps.slice(0, -1) : path.steps },
    };
  });
}

export const errorDiagnostic = (summary: string, detail: string): Diagnostic => ({
  severity: "ERROR",
  summary,
  detail,
});
export const warningDiagnostic = (summary: string, detail: string): Diagnostic => ({
  severity: "WARNING",
  summary,
  detail,
});
