import { execFileSync } from "node:child_process";
import path from "node:path";

export const repoRoot = path.resolve(__dirname, "../..");

let cached: NodeJS.ProcessEnv | undefined;

/**
 * The environment `scripts/tools-env` prescribes (tools on PATH, offline settings), so end-to-end
 * tests behave the same whether or not they were started through `scripts/with-tools`.
 */
export function toolsEnv(): NodeJS.ProcessEnv {
  if (!cached) {
    const exportLines = execFileSync("bash", [path.join(repoRoot, "scripts/tools-env")], { encoding: "utf8" });
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const match of exportLines.matchAll(/^export (\w+)="(.*)"$/gm)) {
      env[match[1]!] = match[2]!;
    }
    cached = env;
  }
  return cached;
}

/** `terraform` when the machine has it, else `tofu`: the client of tests that run under one only. */
export function terraformCommand(): string {
  return toolsEnv().SCRUMS_IAC_TERRAFORM ?? "terraform";
}

/** Every Terraform-compatible client the setup provisioned: `tofu` always, `terraform` when the machine has it. */
export function terraformClients(): string[] {
  return (toolsEnv().SCRUMS_IAC_TERRAFORM_CLIENTS ?? terraformCommand()).split(" ");
}
