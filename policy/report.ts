/**
 * Findings on a Terraform plan for people, for programs (JSON), and for code-scanning UIs (SARIF
 * 2.1.0), in Terraform's names: attributes, messages and fixes read `require_mfa`, not `requireMfa`.
 */
import { fieldName, inTerraformWords } from "../provider/model/naming";
import type { SourceLocation } from "./adapters/terraform-sources";
import type { Finding } from "./evaluate";
import type { Rule } from "./rule";

export const FORMATS = ["human", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

/** A remediation in Terraform's attribute names, as a plan's reader would write it. */
export const terraformFix = (finding: Finding) =>
  finding.remediation &&
  Object.entries(finding.remediation)
    .map(([field, value]) => `${fieldName(field, "terraform")} = ${JSON.stringify(value)}`)
    .join(", ");

export const terraformMessage = (finding: Finding) => inTerraformWords(finding.message);

function human(findings: Finding[]): string {
  if (findings.length === 0) return "No policy violations.\n";
  const lines = findings.map((finding) => {
    const fix = terraformFix(finding);
    const attribute = finding.field ? ` (${fieldName(finding.field, "terraform")})` : "";
    return `${finding.level.toUpperCase()} [${finding.rule.id}] ${finding.resource.name}${attribute}: ${terraformMessage(finding)}${fix ? `\n    fix: ${fix}` : ""}`;
  });
  const blocking = findings.filter((finding) => finding.level !== "advisory").length;
  return `${lines.join("\n")}\n\n${findings.length} violation(s), ${blocking} blocking.\n`;
}

const asJson = (findings: Finding[]) =>
  `${JSON.stringify(
    {
      violations: findings.map((finding) => ({
        rule: finding.rule.id,
        level: finding.level,
        resource: finding.resource.name,
        kind: finding.resource.kind,
        ...(finding.field ? { field: finding.field, attribute: fieldName(finding.field, "terraform") } : {}),
        message: terraformMessage(finding),
        ...(finding.remediation ? { remediation: finding.remediation } : {}),
      })),
    },
    null,
    2,
  )}\n`;

const sarifLevel = (level: Finding["level"]) => (level === "advisory" ? "warning" : "error");

/** Where a finding's resource is declared; SARIF needs a file for each result. */
export type Locate = (address: string) => SourceLocation;

function sarif(findings: Finding[], rules: readonly Rule<object>[], locate: Locate): string {
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "scrums-iac policy",
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.title,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.description },
              defaultConfiguration: { level: rule.defaultLevel === "advisory" ? "warning" : "error" },
            })),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule.id,
          ruleIndex: rules.indexOf(finding.rule),
          level: sarifLevel(finding.level),
          message: { text: terraformMessage(finding) },
          locations: [sarifLocation(finding.resource.name, locate(finding.resource.name))],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const sarifLocation = (address: string, { uri, line }: SourceLocation) => ({
  physicalLocation: { artifactLocation: { uri }, ...(line ? { region: { startLine: line } } : {}) },
  logicalLocations: [{ fullyQualifiedName: address, kind: "resource" }],
});

export function formatFindings(
  findings: Finding[],
  format: Format,
  rules: readonly Rule<object>[],
  locate: Locate,
): string {
  if (format === "json") return asJson(findings);
  if (format === "sarif") return sarif(findings, rules, locate);
  return human(findings);
}
