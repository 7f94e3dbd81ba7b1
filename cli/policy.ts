import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { blocking, evaluate, PolicyConfigError, resolveConfig, RULES } from "../policy";
import { PlanFileError, planFromTerraform } from "../policy/adapters/terraform-plan";
import { sourceLocator } from "../policy/adapters/terraform-sources";
import { FORMATS, formatFindings, type Format } from "../policy/report";

const HELP = `Usage: scrums-iac policy check <plan.json> [--format human|json|sarif] [--config <file.json>] [--dir <dir>]

Checks a Terraform plan against the scrums policy rules. Make the JSON with:

  terraform plan -out plan.out && terraform show -json plan.out > plan.json

  --format  human (default), json, or sarif (for code-scanning UIs)
  --config  rule levels and settings, in the shape of a Pulumi policy pack
            configuration: { "<rule id>": "<level>" | { "enforcementLevel": "<level>", ... } }
  --dir     the Terraform configuration the plan is of (default: the current
            directory), where SARIF results find the line of each resource

Exits 1 when a mandatory (or remediate: a plan cannot be fixed here) rule is
violated, 2 on bad input, else 0. Rules: ${RULES.map((rule) => rule.id).join(", ")}.
`;

/** Bad input: told in one line, exit 2, never a stack trace. */
class UsageError extends Error {}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the ${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

export async function runPolicy(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: {
        format: { type: "string", default: "human" },
        config: { type: "string" },
        dir: { type: "string", default: "." },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const [verb, planFile, ...extra] = positionals;
    if (verb !== "check" || !planFile || extra.length)
      throw new UsageError(`expected \`policy check <plan.json>\`\n\n${HELP}`);
    if (!(FORMATS as readonly string[]).includes(values.format))
      throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}"`);
    const settings = resolveConfig(values.config ? readJson(values.config, "policy configuration") : {});
    const planJson = readJson(planFile, "plan file");
    const findings = evaluate(planFromTerraform(planJson), settings);
    const locate = sourceLocator(planJson, planFile, values.dir);
    process.stdout.write(formatFindings(findings, values.format as Format, RULES, locate));
    return blocking(findings).length ? 1 : 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof PolicyConfigError ||
      error instanceof PlanFileError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      process.stderr.write(`scrums-iac policy: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
