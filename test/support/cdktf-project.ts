/**
 * Real `cdktf` (or `cdktn`) runs for end-to-end tests: a copy of a CDKTF app in a scratch directory,
 * importing this repository's `cdktf/` as an installed `scrums-iac/cdktf` would be (or the package
 * installed in a project: see `CdkOptions`), with the provider from the e2e global setup's mirror and
 * the emulator's address and token in the environment.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, type RunResult } from "./run";
import { TERRAFORM_CLI_CONFIG_ENV, TerraformWorkdir, type Api } from "./terraform-workdir";
import { repoRoot } from "./tools";

const CDKTF = path.join(repoRoot, "node_modules/.bin/cdktf");
/** How the examples import the package from inside this repository. */
const IN_REPOSITORY_IMPORT = /"(?:\.\.\/)+cdktf"/g;
const CDKTF_LIBRARY_IMPORT = /from "cdktf"/g;

/** An app run against an installed scrums-iac rather than this repository's sources. */
export interface CdkOptions {
  /** The CLI: `cdktf` or `cdktn`. */
  cli: string;
  /** The node_modules of a project where scrums-iac and the CDK library are installed. */
  modules: string;
  /** The CDK library the app imports, and so the scrums-iac entry (`scrums-iac/cdktf` or `scrums-iac/cdktn`). */
  library: "cdktf" | "cdktn";
}

export class CdktfProject {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-cdktf-"));
  readonly transcript: string[] = [];
  readonly outDir = path.join(this.dir, "cdktf.out");

  private readonly cli: string;

  /**
   * `app` is a directory holding `cdktf.json` and `main.ts`; `env` is the app's synth-time settings.
   * Without `installed`, the app's dependencies (cdktf, constructs, ts-node) are this repository's.
   */
  constructor(
    private readonly api: Api,
    app: string,
    private readonly env: NodeJS.ProcessEnv = {},
    installed?: CdkOptions,
  ) {
    cpSync(app, this.dir, { recursive: true, filter: (source) => !/cdktf\.out|tfstate|\.md$/.test(source) });
    const main = path.join(this.dir, "main.ts");
    const scrums = installed ? `scrums-iac/${installed.library}` : path.join(repoRoot, "cdktf");
    const library = installed?.library ?? "cdktf";
    writeFileSync(
      main,
      readFileSync(main, "utf8")
        .replace(IN_REPOSITORY_IMPORT, JSON.stringify(scrums))
        .replace(CDKTF_LIBRARY_IMPORT, `from "${library}"`),
    );
    symlinkSync(installed?.modules ?? path.join(repoRoot, "node_modules"), path.join(this.dir, "node_modules"), "dir");
    this.cli = installed?.cli ?? CDKTF;
  }

  async cdktf(args: string[], options: { allowFailure?: boolean } = {}): Promise<RunResult> {
    const cliConfig = process.env[TERRAFORM_CLI_CONFIG_ENV];
    if (!cliConfig) throw new Error(`${TERRAFORM_CLI_CONFIG_ENV} is unset: the e2e global setup installs the provider`);
    const result = await run(this.cli, [...args, "--output", this.outDir], {
      cwd: this.dir,
      allowFailure: options.allowFailure ?? false,
      env: {
        ...this.env,
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_IN_AUTOMATION: "1",
        // CDKTF points Terraform at ~/.terraform.d/plugin-cache unless told not to, and Terraform's
        // plugin cache is not safe for the runs of parallel test workers: one reads what another half wrote.
        CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
        CI: "1",
        FORCE_COLOR: "0",
        SCRUMS_API_URL: this.api.url,
        SCRUMS_API_TOKEN: this.api.token,
      },
    });
    this.transcript.push(result.stdout, result.stderr);
    return result;
  }

  synth = () => this.cdktf(["synth"]);

  /** The filesystem mirror cannot answer `terraform providers lock`, hence `--skip-provider-lock`. */
  deploy = (stack: string) => this.cdktf(["deploy", stack, "--auto-approve", "--skip-provider-lock"]);

  destroy = (stack: string) => this.cdktf(["destroy", stack, "--auto-approve", "--skip-provider-lock"]);

  stackDir = (stack: string) => path.join(this.outDir, "stacks", stack);

  synthesized = (stack: string) => readFileSync(path.join(this.stackDir(stack), "cdk.tf.json"), "utf8");

  /** Plain Terraform in a synthesized stack's directory, as CI jobs that deploy a synthesized app run it. */
  terraform = (stack: string) => new TerraformWorkdir(this.api, this.stackDir(stack), this.env);

  /** The stack's local state, which CDKTF keeps beside cdktf.json. */
  stateFile = (stack: string) => readFileSync(path.join(this.dir, `terraform.${stack}.tfstate`), "utf8");

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
