/**
 * Real `pulumi` runs for end-to-end tests. A `PulumiWorkspace` holds a temporary file backend and
 * copies of Pulumi projects whose `main` points back at the program in this repository, so stack
 * config files land there and not in the repository. Each stack talks to the emulator through
 * `scrums:apiUrl` and a secret `scrums:apiToken`, and has a declaration file that the
 * pulumi-declare program reads.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Declaration, DECLARATION_ENV } from "../e2e/fixtures/pulumi-declare/declaration";
import { run, type RunOptions, type RunResult } from "./run";
import { repoRoot } from "./tools";

export const DECLARE_PROJECT = path.join(repoRoot, "test/e2e/fixtures/pulumi-declare/Pulumi.yaml");
export const QUICKSTART_PROJECT = path.join(repoRoot, "Pulumi.yaml");

/**
 * The environment in which Pulumi finds the native provider's plugin: `bin/` on PATH, as an ambient
 * plugin (bin/pulumi-resource-scrums runs the compiled provider, which the e2e setup builds).
 */
export const NATIVE_PLUGIN_ENV = { PATH: `${path.join(repoRoot, "bin")}${path.delimiter}${process.env.PATH}` };

export interface StackOptions {
  /** The Pulumi.yaml of the program to run; the pulumi-declare program by default. */
  project?: string;
  /** More plaintext config, such as `slug` for the quickstart. */
  config?: Record<string, string>;
  /** More environment for every run of the stack. */
  env?: NodeJS.ProcessEnv;
}

export interface Api {
  url: string;
  token: string;
}

export class PulumiWorkspace {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-pulumi-"));
  private readonly backend = path.join(this.dir, "backend");

  constructor() {
    mkdirSync(this.backend);
  }

  async stack(name: string, api: Api, options: StackOptions = {}): Promise<PulumiStack> {
    const projectDir = this.copyProject(options.project ?? DECLARE_PROJECT, name);
    const env = {
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      // tsc checks these programs already; the CLI need not check them again on every run.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      [DECLARATION_ENV]: path.join(projectDir, "declaration.json"),
      // Credentials come from the stack's config alone.
      SCRUMS_API_URL: undefined,
      SCRUMS_API_TOKEN: undefined,
      ...options.env,
    };
    const stack = new PulumiStack(name, projectDir, env);
    await stack.pulumi(["stack", "init"]);
    const plain = Object.entries({ "scrums:apiUrl": api.url, ...options.config }).flatMap(([key, value]) => [
      "--plaintext",
      `${key}=${value}`,
    ]);
    await stack.pulumi(["config", "set-all", ...plain, "--secret", `scrums:apiToken=${api.token}`]);
    return stack;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A project directory of its own for each stack: Pulumi.yaml as in `project`, its `main` pointing back at the program. */
  private copyProject(project: string, stack: string): string {
    const yaml = readFileSync(project, "utf8");
    const main = path.resolve(path.dirname(project), /^main:\s*(\S+)\s*$/m.exec(yaml)?.[1] ?? ".");
    const dir = path.join(this.dir, stack);
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      `${yaml.replace(/^main:.*\n?/m, "").trimEnd()}\nmain: ${path.relative(dir, main)}/\n`,
    );
    return dir;
  }
}

/** A resource of the stack's state, by its name in the program. */
export interface StateResource {
  kind: string;
  id: string;
  outputs: Record<string, unknown>;
}

export class PulumiStack {
  /** Every run with what it printed on stdout and stderr, but for `secretOutput`. */
  readonly transcript: Array<{ args: string[]; printed: string }> = [];

  constructor(
    readonly name: string,
    readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Runs `pulumi <args>` on this stack; rejects on a non-zero exit unless `allowFailure`. */
  async pulumi(
    args: string[],
    options: Pick<RunOptions, "allowFailure" | "input" | "started"> = {},
  ): Promise<RunResult> {
    const result = await this.run(args, true, options);
    this.transcript.push({ args, printed: `${result.stdout}\n${result.stderr}` });
    if (result.code !== 0 && !options.allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  /** What the pulumi-declare program declares on its next run. */
  declare(declaration: Declaration): void {
    writeFileSync(this.env[DECLARATION_ENV]!, JSON.stringify(declaration, null, 2));
  }

  up = (...flags: string[]) => this.pulumi(["up", "--yes", "--skip-preview", ...flags]);
  preview = (...flags: string[]) => this.pulumi(["preview", ...flags]);
  refresh = (...flags: string[]) => this.pulumi(["refresh", "--yes", "--skip-preview", ...flags]);
  destroy = (...flags: string[]) => this.pulumi(["destroy", "--yes", "--skip-preview", ...flags]);

  /**
   * What a user does after the CLI was killed mid-update: \`pulumi cancel\` releases the lock it held,
   * and when the kill cut a checkpoint write short (the file backend's state then fails to load, and
   * \`cancel\` with it), the backend's backup of the previous checkpoint takes its place first.
   * Returns whether it had to.
   */
  async recoverFromKill(): Promise<boolean> {
    const cancelled = await this.pulumi(["cancel", "--yes"], { allowFailure: true });
    if (cancelled.code === 0 && (await this.pulumi(["stack", "export"], { allowFailure: true })).code === 0)
      return false;
    const failure = cancelled.code === 0 ? "stack export" : "cancel";
    const printed = this.transcript[this.transcript.length - 1]!.printed;
    if (!/failed to load checkpoint/.test(printed))
      throw new Error(`pulumi ${failure} failed after the kill:\n${printed}`);
    this.restoreCheckpointBackup();
    if (cancelled.code !== 0) await this.pulumi(["cancel", "--yes"]);
    await this.pulumi(["stack", "export"]);
    return true;
  }

  private restoreCheckpointBackup(): void {
    const backend = this.env.PULUMI_BACKEND_URL!.replace(/^file:\/\//, "");
    const project = /^name:\s*(\S+)/m.exec(readFileSync(path.join(this.dir, "Pulumi.yaml"), "utf8"))![1]!;
    const checkpoint = path.join(backend, ".pulumi", "stacks", project, `${this.name}.json`);
    for (const suffix of ["", ".attrs"]) copyFileSync(`${checkpoint}.bak${suffix}`, `${checkpoint}${suffix}`);
  }

  /** \`pulumi stack export\` as text, to search for plaintext. */
  async exported(): Promise<string> {
    return (await this.pulumi(["stack", "export"])).stdout;
  }

  /** The scrums resources of the stack's state. */
  async resources(): Promise<Record<string, StateResource>> {
    const { deployment } = JSON.parse(await this.exported()) as {
      deployment: { resources?: Array<StateResource & { urn: string; type: string }> };
    };
    return Object.fromEntries(
      (deployment.resources ?? [])
        .filter((resource) => /^(pulumi-nodejs:dynamic\/scrums|scrums:index):/.test(resource.type))
        .map((resource) => [
          resource.urn.split("::").pop()!,
          { kind: resource.type.split(":").pop()!, id: resource.id, outputs: resource.outputs },
        ]),
    );
  }

  async output(name: string): Promise<string> {
    return (await this.pulumi(["stack", "output", name])).stdout.trim();
  }

  /** A stack output in plaintext; kept out of the transcript, which tests search for secrets. */
  async secretOutput(name: string): Promise<string> {
    const result = await this.run(["stack", "output", name, "--show-secrets"], false, {});
    return result.stdout.trim();
  }

  private run(
    args: string[],
    allowFailure: boolean,
    { input, started }: Pick<RunOptions, "input" | "started">,
  ): Promise<RunResult> {
    return run("pulumi", [...args, "--stack", this.name, "--non-interactive", "--color", "never"], {
      cwd: this.dir,
      env: this.env,
      allowFailure,
      input,
      started,
    });
  }
}
