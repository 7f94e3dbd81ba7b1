/**
 * Real `terraform` (or `tofu`) runs for end-to-end tests: a working directory holding one
 * configuration, the provider from the mirror the e2e global setup installed, and the emulator's
 * address and token in the environment. Every run's output is kept for leak checks.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, type RunOptions, type RunResult } from "./run";
import { terraformCommand } from "./tools";

export const TERRAFORM_CLI_CONFIG_ENV = "SCRUMS_E2E_TERRAFORM_CLI_CONFIG";

export interface Api {
  url: string;
  token: string;
}

const PROVIDER_BLOCK = `terraform {
  required_providers {
    scrums = { source = "scrums/scrums" }
  }
}
`;

export class TerraformWorkdir {
  readonly transcript: string[] = [];
  private initialised = false;

  /**
   * `dir` defaults to a new scratch directory; pass one to run Terraform where a configuration already
   * is. `env` adds to every run's environment (`TF_VAR_…`, or `TF_LOG` to log less than trace).
   * `command` is the client: `terraform` or `tofu` (see `terraformClients`).
   */
  constructor(
    private readonly api: Api,
    readonly dir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-tf-")),
    private readonly env: NodeJS.ProcessEnv = {},
    readonly command = terraformCommand(),
  ) {}

  get logFile(): string {
    return path.join(this.dir, "terraform.log");
  }

  /** Replaces the configuration (the provider requirement is added); extra files by name. */
  write(hcl: string, files: Record<string, string> = {}): void {
    writeFileSync(path.join(this.dir, "main.tf"), `${PROVIDER_BLOCK}\n${hcl}`);
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(this.dir, name), content);
  }

  /** A sensitive output's value, read without keeping what Terraform printed. */
  async secretOutput(name: string): Promise<string> {
    const result = await this.terraform(["output", "-json", name], { unrecorded: true });
    return JSON.parse(result.stdout) as string;
  }

  /** Copies a configuration directory's files as they are (an example with its own provider requirement). */
  copy(directory: string): void {
    cpSync(directory, this.dir, { recursive: true, filter: (source) => !/\.terraform|tfstate|\.md$/.test(source) });
  }

  async terraform(
    args: string[],
    options: { allowFailure?: boolean; unrecorded?: boolean; started?: RunOptions["started"] } = {},
  ): Promise<RunResult> {
    if (!this.initialised && args[0] !== "init") {
      this.initialised = true;
      await this.terraform(["init", "-input=false"]);
    }
    // A test may name its own CLI configuration (another mirror) in `env`.
    const cliConfig = this.env.TF_CLI_CONFIG_FILE ?? process.env[TERRAFORM_CLI_CONFIG_ENV];
    if (!cliConfig) throw new Error(`${TERRAFORM_CLI_CONFIG_ENV} is unset: the e2e global setup installs the provider`);
    const result = await run(this.command, [...args, "-no-color"], {
      cwd: this.dir,
      allowFailure: options.allowFailure ?? false,
      started: options.started,
      env: {
        TF_LOG: "trace",
        ...this.env,
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_IN_AUTOMATION: "1",
        TF_LOG_PATH: this.logFile,
        SCRUMS_API_URL: this.api.url,
        SCRUMS_API_TOKEN: this.api.token,
      },
    });
    if (!options.unrecorded) this.transcript.push(result.stdout, result.stderr);
    return result;
  }

  apply = (...extra: string[]) => this.terraform(["apply", "-auto-approve", "-input=false", ...extra]);

  /** `plan -detailed-exitcode`: 0 for no changes, 2 for changes. */
  async plan(...extra: string[]): Promise<RunResult> {
    const result = await this.terraform(["plan", "-detailed-exitcode", "-input=false", ...extra], {
      allowFailure: true,
    });
    if (result.code === 1) throw new Error(`terraform plan failed\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /**
   * The values of every resource in state, by address, as `terraform show -json` gives them: a dump
   * of state, sensitive values included, so not kept in the transcript.
   */
  async resources(): Promise<
    Record<string, { values: Record<string, unknown>; sensitive_values: Record<string, unknown> }>
  > {
    const shown = JSON.parse((await this.terraform(["show", "-json"], { unrecorded: true })).stdout) as {
      values?: {
        root_module?: {
          resources?: Array<{
            address: string;
            values: Record<string, unknown>;
            sensitive_values: Record<string, unknown>;
          }>;
        };
      };
    };
    return Object.fromEntries((shown.values?.root_module?.resources ?? []).map((r) => [r.address, r]));
  }

  stateFile = () => readFileSync(path.join(this.dir, "terraform.tfstate"), "utf8");

  /** Everything Terraform printed or logged so far. */
  everything = () => [...this.transcript, readFileSync(this.logFile, "utf8")].join("\n");

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Working directories against the calling test file's emulator, run by `command`, removed after its tests. */
export function useTerraformWorkdirs(ctx: { env: { emulator: Api } }): (command?: string) => TerraformWorkdir {
  const made: TerraformWorkdir[] = [];
  afterAll(() => made.forEach((dir) => dir.remove()));
  return (command) => {
    const dir = new TerraformWorkdir(
      { url: ctx.env.emulator.url, token: ctx.env.emulator.token },
      undefined,
      {},
      command,
    );
    made.push(dir);
    return dir;
  };
}
