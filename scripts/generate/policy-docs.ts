/** Writes docs/policy.md, one section per policy rule, from the rules themselves: `npm run generate`. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { RULES } from "../../policy";

export const POLICY_DOCS_PATH = path.join(__dirname, "../../docs/policy.md");

function settingsOf(config: z.ZodType): string {
  const schema = z.toJSONSchema(config, { io: "input" }) as {
    properties?: Record<string, { description?: string; default?: unknown }>;
  };
  const rows = Object.entries(schema.properties ?? {}).map(
    ([name, p]) => `| \`${name}\` | ${p.description ?? ""} | \`${JSON.stringify(p.default)}\` |`,
  );
  return rows.length ? `| setting | meaning | default |\n|---|---|---|\n${rows.join("\n")}\n` : "No settings.\n";
}

export function policyDocs(): string {
  const sections = RULES.map((rule) =>
    [
      `## \`${rule.id}\`: ${rule.title}`,
      "",
      rule.description,
      "",
      `Default level: **${rule.defaultLevel}**${rule.remediate ? "; has a remediation (level `remediate` sets the compliant values)" : ""}.`,
      "",
      `Stops: ${rule.example.stops}. It says: _${rule.example.says}_`,
      "",
      settingsOf(rule.config),
    ].join("\n"),
  );
  return `# Policy rules

Generated from \`policy/rules\` by \`npm run generate\`. Each rule runs in the Pulumi policy pack
(\`pulumi preview --policy-pack policy/pulumi-pack\`), the CDKTF aspect (\`Aspects.of(stack).add(new
ScrumsPolicyAspect(config))\`) and \`scrums-iac policy check <plan.json>\` for Terraform plans.

**Levels:** \`advisory\` (reported), \`mandatory\` (stops the run), \`remediate\` (Pulumi and CDKTF set the
compliant values; a Terraform plan cannot be changed, so \`policy check\` reports it as blocking with the
fix), \`disabled\`.

**Configuring or waiving a rule** takes one JSON file, the same for all three (Pulumi's
\`--policy-pack-config\`, the aspect's argument, \`policy check --config\`):

\`\`\`json
{ "all": "mandatory", "organization-retained-on-destroy": "disabled",
  "sso-and-mfa-enforced": { "enforcementLevel": "mandatory", "exemptOrganizations": ["sandbox"] } }
\`\`\`

An unknown rule id, a level that does not exist or a setting of the wrong type is an error naming it.
Values not known before apply are never judged.

${sections.join("\n")}`;
}

if (require.main === module) writeFileSync(POLICY_DOCS_PATH, policyDocs());
