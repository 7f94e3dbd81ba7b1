// Node.js language host for the Pulumi CLI (the `pulumi-language-nodejs` plugin).
//
// The CLI starts this process with `[--logtostderr] [-v=N] [--tracing URL] <engine-address>`, reads the
// port of our gRPC server from the first line of stdout, and then calls the pulumirpc.LanguageRuntime
// service: GetPluginInfo, GetRequiredPackages and Run for programs, RunPlugin for policy packs and
// plugins written in Node.js, InstallDependencies, About and GetProgramDependencies for `pulumi install`
// and `pulumi about`, and Cancel on shutdown. The calls that need Pulumi's Go code generators
// (GenerateProgram/Project/Package and Link, for `pulumi package gen-sdk`, `import` and `convert`) are
// forwarded to the Go host installed beside this file, started on the first of them so that running a
// program never waits for it. Pack, RuntimeOptionsPrompts, Template and the deprecated GetRequiredPlugins
// answer UNIMPLEMENTED.
//
// The host has no dependencies of its own: gRPC, google-protobuf and the generated Pulumi stubs are
// loaded from the @pulumi/pulumi package installed for the program. Only erasable TypeScript syntax is
// used so that Node.js can run this file directly.

import type * as grpcJs from "@grpc/grpc-js";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as languageGrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import type * as languagePb from "@pulumi/pulumi/proto/language_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type { ChildProcess, SpawnOptions } from "node:child_process";
import type { Dirent } from "node:fs";

// Built-in modules are fetched this way rather than imported so that, once the types are stripped, the
// file has no `import` left and runs whether Node treats it as CommonJS or as an ES module (which
// depends on the package.json nearest to where it is installed).
const childProcess = process.getBuiltinModule("node:child_process");
const fs = process.getBuiltinModule("node:fs");
const { createRequire } = process.getBuiltinModule("node:module");
const os = process.getBuiltinModule("node:os");
const path = process.getBuiltinModule("node:path");

const MAX_RPC_MESSAGE_SIZE = 400 * 1024 * 1024; // the limit the Pulumi engine uses
// cmd/run exits with this code after it has already shown the user an actionable error.
const EXIT_AFTER_REPORTING_ERROR = 32;
const KILL_GRACE_MS = 5000;
const ENGINE_HEALTH_INTERVAL_MS = 5 * 60 * 1000;
const PARENT_POLL_MS = 200;
const OOM_MARKERS = [
  "<--- Last few GCs --->",
  // Because cmd/run hooks the inspector, a heap exhaustion can surface as this V8 assertion instead.
  "Check failed: needs_context && current_scope_ == closure_scope_",
];
const OOM_HINT =
  "Detected a possible out of memory error. Consider increasing the memory available to the nodejs " +
  "process by setting the `nodeargs` runtime option in Pulumi.yaml to `nodeargs: --max-old-space-size=<size>`.";
const ANALYZER_HANDSHAKE = "/pulumirpc.Analyzer/Handshake";
const ANALYZER_CONFIGURE_STACK = "/pulumirpc.Analyzer/ConfigureStack";

// ---------------------------------------------------------------------------------------------------------
// Command line and logging

interface HostFlags {
  engineAddress?: string;
  tracing?: string;
  root?: string;
  runtime: string;
  verbose: number;
  logToStderr: boolean;
  version: boolean;
}

// Parses Go-style flags (`-name=value`, `--name value`, boolean `-name`), stopping at the first positional.
function parseFlags(argv: string[]): HostFlags {
  const flags: HostFlags = { runtime: "nodejs", verbose: 0, logToStderr: false, version: false };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    const inline = eq < 0 ? undefined : body.slice(eq + 1);
    const value = (): string => inline ?? argv[++i] ?? "";
    const bool = (): boolean => inline === undefined || inline === "true" || inline === "1";
    switch (name) {
      case "logtostderr":
        flags.logToStderr = bool();
        break;
      case "version":
        flags.version = bool();
        break;
      case "v":
        flags.verbose = Number.parseInt(value(), 10) || 0;
        break;
      case "tracing":
        flags.tracing = value();
        break;
      case "root":
        flags.root = value();
        break;
      case "runtime":
        flags.runtime = value();
        break;
      default:
        process.stderr.write(`pulumi-language-nodejs: ignoring unknown flag ${arg}\n`);
    }
  }
  flags.engineAddress = argv[i];
  return flags;
}

const flags = parseFlags(process.argv.slice(2));
// Everything this process writes to stderr is shown to the user by the CLI, so chatter is opt-in.
const verbosity = flags.logToStderr ? flags.verbose : 0;

function debug(level: number, message: string): void {
  if (verbosity >= level) process.stderr.write(`pulumi-language-nodejs: ${message}\n`);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------------------------------------------------
// Loading gRPC and the Pulumi stubs from the program's own @pulumi/pulumi

interface Sdk {
  dir: string;
  version: string;
  grpc: typeof grpcJs;
  lang: typeof languagePb;
  plugin: typeof pluginPb;
  analyzer: typeof analyzerPb;
  empty: typeof emptyPb;
  languageService: typeof languageGrpc.LanguageRuntimeService;
  analyzerService: typeof analyzerGrpc.AnalyzerService;
}

function requireFrom(dir: string): NodeJS.Require {
  // createRequire wants a file path; the file itself does not need to exist.
  return createRequire(path.join(path.resolve(dir), "__pulumi_language_host__.js"));
}

function resolveFrom(dir: string, request: string): string {
  return requireFrom(dir).resolve(request);
}

function loadSdk(searchDirs: string[]): Sdk {
  for (const dir of searchDirs) {
    let manifest: string;
    try {
      manifest = resolveFrom(dir, "@pulumi/pulumi/package.json");
    } catch {
      continue;
    }
    // Resolving from the package itself gives us the very gRPC and protobuf copies its stubs use.
    const sdkRequire = createRequire(manifest);
    const languageStubs = sdkRequire("./proto/language_grpc_pb.js") as typeof languageGrpc;
    const analyzerStubs = sdkRequire("./proto/analyzer_grpc_pb.js") as typeof analyzerGrpc;
    return {
      dir: path.dirname(manifest),
      version: String((JSON.parse(fs.readFileSync(manifest, "utf8")) as { version?: unknown }).version ?? "0.0.0"),
      grpc: sdkRequire("@grpc/grpc-js") as typeof grpcJs,
      lang: sdkRequire("./proto/language_pb.js") as typeof languagePb,
      plugin: sdkRequire("./proto/plugin_pb.js") as typeof pluginPb,
      analyzer: sdkRequire("./proto/analyzer_pb.js") as typeof analyzerPb,
      empty: sdkRequire("google-protobuf/google/protobuf/empty_pb.js") as typeof emptyPb,
      languageService: languageStubs.LanguageRuntimeService,
      analyzerService: analyzerStubs.AnalyzerService,
    };
  }
  throw new Error(
    `cannot find the @pulumi/pulumi package (searched from ${searchDirs.join(", ")}). ` +
      "Run `npm install` in the Pulumi program directory, or set PULUMI_LANGUAGE_NODEJS_SDK_DIR to a " +
      "directory from which @pulumi/pulumi can be resolved.",
  );
}

function sdkSearchDirs(): string[] {
  const dirs = [process.env["PULUMI_LANGUAGE_NODEJS_SDK_DIR"], flags.root, process.cwd()];
  // Last resort: a checkout that has this script inside a project with node_modules.
  const script = process.argv[1];
  if (script) {
    try {
      dirs.push(path.dirname(fs.realpathSync(script)));
    } catch {
      // not fatal: the other candidates may work
    }
  }
  return dirs.filter((d): d is string => typeof d === "string" && d !== "");
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

interface NodeOptions {
  typescript: boolean;
  tsconfig?: string;
  nodeargs: string[];
  packagemanager: string;
  production: boolean;
}

// Reads the `runtime.options` of Pulumi.yaml / PulumiPolicy.yaml / PulumiPlugin.yaml.
function parseOptions(info: languagePb.ProgramInfo | undefined): NodeOptions {
  const raw = info?.getOptions()?.toJavaScript() ?? {};
  const opts: NodeOptions = { typescript: true, nodeargs: [], packagemanager: "auto", production: false };
  const typed = <T>(key: string, type: string, set: (v: T) => void): void => {
    const value = raw[key];
    if (value === undefined || value === null) return;
    if (typeof value !== type) throw new Error(`${key} option must be a ${type}`);
    set(value as T);
  };
  typed<boolean>("typescript", "boolean", (v) => (opts.typescript = v));
  typed<string>("tsconfig", "string", (v) => (opts.tsconfig = v));
  typed<string>("nodeargs", "string", (v) => (opts.nodeargs = splitShellWords(v)));
  typed<boolean>("production", "boolean", (v) => (opts.production = v));
  typed<string>("packagemanager", "string", (v) => {
    if (!["auto", "npm", "yarn", "pnpm", "bun"].includes(v)) {
      throw new Error(`packagemanager option must be one of auto, npm, yarn, pnpm or bun, got "${v}"`);
    }
    opts.packagemanager = v;
  });
  return opts;
}

// cmd/run registers ts-node only when told to, and reads the tsconfig path from the environment.
function typeScriptEnv(opts: NodeOptions): Record<string, string> {
  const env: Record<string, string> = {};
  if (opts.typescript) env["PULUMI_NODEJS_TYPESCRIPT"] = "true";
  if (opts.tsconfig) env["PULUMI_NODEJS_TSCONFIG_PATH"] = opts.tsconfig;
  return env;
}

// Splits `nodeargs` the way a POSIX shell would (quotes and backslashes, no expansions).
function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < text.length && '"\\$`'.includes(text[i + 1] ?? "")) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in nodeargs: ${text}`);
  if (inWord) words.push(word);
  return words;
}

function grpcError(code: grpcJs.status, message: string): grpcJs.ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new sdk.grpc.Metadata() });
}

function toGrpcError(err: unknown): grpcJs.ServiceError {
  if (err instanceof Error && typeof (err as Partial<grpcJs.ServiceError>).code === "number") {
    return err as grpcJs.ServiceError;
  }
  return grpcError(sdk.grpc.status.UNKNOWN, errorMessage(err));
}

function unary<Req, Res>(
  name: string,
  handler: (request: Req, call: grpcJs.ServerUnaryCall<Req, Res>) => Promise<Res> | Res,
): grpcJs.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    debug(5, `${name} called`);
    Promise.resolve()
      .then(() => handler(call.request, call))
      .then(
        (response) => callback(null, response),
        (err: unknown) => {
          debug(3, `${name} failed: ${errorMessage(err)}`);
          callback(toGrpcError(err));
        },
      );
  };
}

function serverStream<Req, Res>(
  name: string,
  handler: (call: grpcJs.ServerWritableStream<Req, Res>) => Promise<void>,
): grpcJs.handleServerStreamingCall<Req, Res> {
  return (call) => {
    debug(5, `${name} called`);
    handler(call).catch((err: unknown) => {
      debug(3, `${name} failed: ${errorMessage(err)}`);
      // grpc-js turns an 'error' event on a server stream into the call's final status.
      if (!call.cancelled) call.emit("error", toGrpcError(err));
    });
  };
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(obj: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = obj?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function findUp(start: string, name: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function envFromList(list: string[]): NodeJS.ProcessEnv {
  if (list.length === 0) return { ...process.env };
  const env: NodeJS.ProcessEnv = {};
  for (const entry of list) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

// ---------------------------------------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>();
// The programs started by Run: the ones the engine's Cancel call interrupts.
const programs = new Set<ChildProcess>();

function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  debug(5, `launching ${command} ${args.join(" ")} (cwd ${String(options.cwd ?? process.cwd())})`);
  const child = childProcess.spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.on("close", () => children.delete(child));
  return child;
}

// Interrupt first so the program can clean up, then kill it if it does not exit in time.
function stopChild(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, KILL_GRACE_MS).unref();
}

interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: Error;
}

// Resolves once the process has exited and its stdout/stderr have been fully read.
function waitForExit(child: ChildProcess): Promise<ExitStatus> {
  return new Promise((resolve) => {
    // A process that could not be started emits 'error' and then 'close'.
    let spawnError: Error | undefined;
    child.once("error", (err) => (spawnError = err));
    child.once("close", (code, signal) => resolve({ code, signal, spawnError }));
  });
}

function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (os.constants.signals[signal] ?? 0);
}

// ---------------------------------------------------------------------------------------------------------
// Run: execute a Pulumi program

function legacyConfig(config: ReturnType<languagePb.RunRequest["getConfigMap"]>): string {
  // Keys arrive as `<namespace>:<name>`; cmd/run accepts that, but older SDKs only understand the
  // original `<namespace>:config:<name>` form, so that is what we pass on.
  const result: Record<string, string> = {};
  config.forEach((value: string, key: string) => {
    const parts = key.split(":");
    let namespace: string | undefined;
    let name: string | undefined;
    if (parts.length === 2) [namespace, name] = parts;
    else if (parts.length === 3 && parts[1] === "config") [namespace, , name] = parts;
    if (!namespace || name === undefined) {
      throw new Error(`could not parse ${key} as a configuration key (expected <namespace>:<name>)`);
    }
    result[`${namespace}:config:${name}`] = value;
  });
  return JSON.stringify(result);
}

async function runProgram(
  req: languagePb.RunRequest,
  call: grpcJs.ServerUnaryCall<languagePb.RunRequest, languagePb.RunResponse>,
): Promise<languagePb.RunResponse> {
  const response = new sdk.lang.RunResponse();
  const fail = (message: string): languagePb.RunResponse => response.setError(message);

  if (!engineAddress) return fail("the engine address is unknown: the CLI must pass it or call Handshake first");
  const info = req.getInfo();
  const programDir = info?.getProgramDirectory() || req.getPwd() || process.cwd();
  const entryPoint = info?.getEntryPoint() || req.getProgram() || ".";

  let opts: NodeOptions;
  let config: string;
  try {
    opts = parseOptions(info);
    config = legacyConfig(req.getConfigMap());
  } catch (err) {
    return fail(errorMessage(err));
  }
  if (req.getAttachDebugger()) return fail("attaching a debugger is not supported by this language host");

  const runModule = process.env["PULUMI_LANGUAGE_NODEJS_RUN_PATH"] || "@pulumi/pulumi/cmd/run";
  let runScript: string;
  try {
    runScript = resolveFrom(programDir, runModule);
  } catch {
    return fail(
      `It looks like the Pulumi SDK has not been installed (cannot resolve ${runModule} from ${programDir}). Have you run pulumi install?`,
    );
  }

  const args = [...opts.nodeargs, runScript];
  const flag = (name: string, value: string | undefined): void => {
    if (value) args.push(`--${name}`, value);
  };
  flag("monitor", req.getMonitorAddress());
  flag("engine", engineAddress);
  flag("organization", req.getOrganization());
  flag("project", req.getProject());
  flag("root-directory", info?.getRootDirectory());
  flag("stack", req.getStack());
  flag("pwd", programDir);
  if (req.getDryrun()) args.push("--dry-run");
  flag("parallel", String(req.getParallel()));
  flag("tracing", flags.tracing);
  args.push(entryPoint, ...req.getArgsList());

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: config,
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
    ...typeScriptEnv(opts),
  };

  const child = spawnTracked(process.execPath, args, { cwd: programDir, env });
  programs.add(child);
  child.on("close", () => programs.delete(child));
  call.on("cancelled", () => stopChild(child));
  // The CLI shows whatever we print as the program's output, so pass it straight through.
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  let stderrTail = "";
  let outOfMemory = false;
  child.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-8192);
    outOfMemory ||= OOM_MARKERS.some((marker) => stderrTail.includes(marker));
  });

  const exit = await waitForExit(child);
  if (exit.spawnError) {
    return fail(`Problem executing program (could not run language executor): ${exit.spawnError.message}`);
  }
  if (exit.code === 0) return response;
  // The program already told the user what went wrong; the engine should stop without adding to it.
  if (exit.code === EXIT_AFTER_REPORTING_ERROR) return response.setBail(true);
  const code = exit.code ?? signalExitCode(exit.signal ?? "SIGKILL");
  const reason = exit.signal ? ` (killed by ${exit.signal})` : "";
  return fail(`Program exited with non-zero exit code: ${code}${reason}${outOfMemory ? `. ${OOM_HINT}` : ""}`);
}

// ---------------------------------------------------------------------------------------------------------
// GetRequiredPackages: node_modules packages that declare a Pulumi resource plugin

function isPolicyPackDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, "PulumiPolicy.yaml")) || fs.existsSync(path.join(dir, "PulumiPolicy.yml"));
}

function requiredPackages(programDir: string): pluginPb.PackageDependency[] {
  const packages: pluginPb.PackageDependency[] = [];
  const sdkVersions = new Map<string, string>();
  const visited = new Set<string>();

  const inspect = (manifestPath: string): void => {
    const manifest = readJson(manifestPath);
    if (!manifest) return;
    const packageName = stringField(manifest, "name");
    const packageVersion = stringField(manifest, "version");
    if (packageName === "@pulumi/pulumi" && packageVersion) sdkVersions.set(manifestPath, packageVersion);

    const meta = manifest["pulumi"];
    if (typeof meta !== "object" || meta === null) return;
    const pulumi = meta as Record<string, unknown>;
    if (pulumi["resource"] !== true) return;
    const name =
      stringField(pulumi, "name") ?? (packageName?.startsWith("@pulumi/") ? packageName.slice(8) : undefined);
    let version = stringField(pulumi, "version") ?? packageVersion;
    if (!name || !version) {
      debug(3, `${manifestPath}: a Pulumi plugin package needs pulumi.name (or an @pulumi/ name) and a version`);
      return;
    }
    if (!version.startsWith("v")) version = `v${version}`;
    const dependency = new sdk.plugin.PackageDependency()
      .setName(name)
      .setKind("resource")
      .setVersion(version)
      .setServer(stringField(pulumi, "server") ?? "");
    const param = pulumi["parameterization"];
    if (typeof param === "object" && param !== null) {
      const p = param as Record<string, unknown>;
      dependency.setParameterization(
        new sdk.plugin.PackageParameterization()
          .setName(stringField(p, "name") ?? "")
          .setVersion(stringField(p, "version") ?? "")
          .setValue(Buffer.from(stringField(p, "value") ?? "", "base64")),
      );
    }
    packages.push(dependency);
  };

  const walk = (dir: string, inNodeModules: boolean): void => {
    let real: string;
    let entries: Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = fs.readdirSync(real, { withFileTypes: true });
    } catch (err) {
      debug(3, `skipping ${dir}: ${errorMessage(err)}`);
      return;
    }
    const childrenInNodeModules = inNodeModules || path.basename(real) === "node_modules";
    for (const entry of entries) {
      const full = path.join(real, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = fs.statSync(full).isDirectory();
        } catch {
          continue;
        }
      }
      if (isDir) {
        // Dot directories (.git, .pulumi) hold no packages, except inside node_modules (.pnpm).
        if (!childrenInNodeModules && entry.name.startsWith(".")) continue;
        // A nested policy pack's dependencies are not the program's.
        if (isPolicyPackDir(full)) continue;
        walk(full, childrenInNodeModules);
      } else if (inNodeModules && entry.name === "package.json") {
        inspect(full);
      }
    }
  };
  walk(programDir, false);

  const majors = new Set([...sdkVersions.values()].map((v) => v.split(".")[0]));
  if (majors.size > 1) {
    const found = [...sdkVersions].map(([file, version]) => `  Version ${version} referenced at ${file}`);
    process.stderr.write(`Found incompatible versions of @pulumi/pulumi.\n${found.join("\n")}\n`);
  }
  return packages;
}

// ---------------------------------------------------------------------------------------------------------
// InstallDependencies, About, GetProgramDependencies

function packageManager(opts: NodeOptions, dir: string): string {
  if (opts.packagemanager !== "auto") return opts.packagemanager;
  if (process.env["PULUMI_PREFER_YARN"] === "true" || fs.existsSync(path.join(dir, "yarn.lock"))) return "yarn";
  if (fs.existsSync(path.join(dir, "pnpm-lock.yaml"))) return "pnpm";
  if (fs.existsSync(path.join(dir, "bun.lock")) || fs.existsSync(path.join(dir, "bun.lockb"))) return "bun";
  return "npm";
}

async function installDependencies(
  call: grpcJs.ServerWritableStream<languagePb.InstallDependenciesRequest, languagePb.InstallDependenciesResponse>,
): Promise<void> {
  const req = call.request;
  const dir = req.getInfo()?.getProgramDirectory() || req.getDirectory();
  if (!dir) throw new Error("InstallDependencies needs a program directory");
  const send = (stream: "stdout" | "stderr", data: Buffer | string): void => {
    const message = new sdk.lang.InstallDependenciesResponse();
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    call.write(stream === "stdout" ? message.setStdout(bytes) : message.setStderr(bytes));
  };

  if (fs.existsSync(path.join(dir, "node_modules"))) {
    send("stdout", `Dependencies are already installed (found ${path.join(dir, "node_modules")}).\n`);
    call.end();
    return;
  }

  const opts = parseOptions(req.getInfo());
  const pm = packageManager(opts, dir);
  const args = ["install"];
  if (opts.production) args.push(pm === "npm" ? "--omit=dev" : pm === "pnpm" ? "--prod" : "--production");
  send("stdout", `Installing dependencies with ${pm} ${args.join(" ")}...\n\n`);
  const child = spawnTracked(pm, args, { cwd: dir, env: process.env });
  call.on("cancelled", () => stopChild(child));
  child.stdout?.on("data", (chunk: Buffer) => send("stdout", chunk));
  child.stderr?.on("data", (chunk: Buffer) => send("stderr", chunk));
  const exit = await waitForExit(child);
  if (exit.spawnError) throw new Error(`could not run ${pm}: ${exit.spawnError.message}`);
  if (exit.code !== 0) throw new Error(`${pm} install failed with exit code ${exit.code ?? exit.signal}`);
  send("stdout", "Finished installing dependencies\n\n");
  call.end();
}

function commandVersion(command: string, cwd: string): string {
  const result = childProcess.spawnSync(command, ["--version"], { cwd, encoding: "utf8", timeout: 10000 });
  return result.status === 0 ? result.stdout.trim() : "";
}

function about(req: languagePb.AboutRequest): languagePb.AboutResponse {
  const dir = req.getInfo()?.getProgramDirectory() || process.cwd();
  const pm = packageManager(parseOptions(req.getInfo()), dir);
  const response = new sdk.lang.AboutResponse().setExecutable(process.execPath).setVersion(process.version);
  const metadata = response.getMetadataMap();
  metadata.set("packagemanager", pm);
  metadata.set("packagemanagerVersion", commandVersion(pm, dir));
  try {
    const tsVersion = stringField(readJson(resolveFrom(dir, "typescript/package.json")), "version");
    if (tsVersion) metadata.set("typescriptVersion", tsVersion);
  } catch {
    // no TypeScript installed for this program
  }
  return response;
}

// Lists installed packages: the direct dependencies of package.json, or everything under node_modules.
function programDependencies(programDir: string, transitive: boolean): Array<[string, string]> {
  const manifestPath = findUp(programDir, "package.json");
  if (!manifestPath) throw new Error(`no package.json found (searching upwards from ${programDir})`);
  const root = path.dirname(manifestPath);

  if (!transitive) {
    const manifest = readJson(manifestPath);
    const names = new Set<string>();
    for (const field of ["dependencies", "devDependencies"]) {
      const deps = manifest?.[field];
      if (typeof deps === "object" && deps !== null) Object.keys(deps).forEach((name) => names.add(name));
    }
    const result: Array<[string, string]> = [];
    for (const name of names) {
      const installed = findUp(root, path.join("node_modules", name, "package.json"));
      const version = installed && stringField(readJson(installed), "version");
      if (version) result.push([name, version]);
    }
    return result;
  }

  const seen = new Set<string>();
  const visited = new Set<string>();
  const result: Array<[string, string]> = [];
  const visitPackage = (dir: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    const manifest = readJson(path.join(real, "package.json"));
    const name = stringField(manifest, "name");
    const version = stringField(manifest, "version");
    if (name && version && !seen.has(`${name}@${version}`)) {
      seen.add(`${name}@${version}`);
      result.push([name, version]);
    }
    visitNodeModules(path.join(real, "node_modules"));
  };
  const visitNodeModules = (dir: string): void => {
    let entries: string[];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith(".")) continue;
      if (!entry.startsWith("@")) {
        visitPackage(path.join(dir, entry));
        continue;
      }
      let scoped: string[] = [];
      try {
        scoped = fs.readdirSync(path.join(dir, entry));
      } catch {
        // unreadable scope directory
      }
      for (const name of scoped) visitPackage(path.join(dir, entry, name));
    }
  };
  visitNodeModules(path.join(root, "node_modules"));
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// RunPlugin: policy packs and plugins written in Node.js

interface AnalyzerProxy {
  port: number;
  // The engine's ConfigureStack request, or undefined when the engine went straight to other calls.
  configuration: Promise<analyzerPb.AnalyzerStackConfigureRequest | undefined>;
  attach(policyPackPort: number): Promise<void>;
  fail(err: Error): void;
  close(): void;
}

// @pulumi/policy learns the project, stack and config from environment variables when it starts, but the
// engine only sends them (ConfigureStack) after it has connected to the port we print. So, as Pulumi's own
// host does, we serve the Analyzer service ourselves, answer Handshake and ConfigureStack, start the
// policy pack with that information, and then relay every call to it as raw bytes.
async function startAnalyzerProxy(): Promise<AnalyzerProxy> {
  const { grpc } = sdk;
  const same = (bytes: Buffer): Buffer => bytes;
  const empty = Buffer.alloc(0);

  let configured = false;
  let configBytes: Buffer | undefined;
  let settleConfiguration: (bytes: Buffer | undefined) => void = () => undefined;
  const configured$ = new Promise<Buffer | undefined>((resolve) => (settleConfiguration = resolve));
  const configure = (bytes: Buffer | undefined): void => {
    if (configured) return;
    configured = true;
    configBytes = bytes;
    settleConfiguration(bytes);
  };

  let resolveClient: (client: grpcJs.Client) => void = () => undefined;
  let rejectClient: (err: Error) => void = () => undefined;
  const client$ = new Promise<grpcJs.Client>((resolve, reject) => {
    resolveClient = resolve;
    rejectClient = reject;
  });
  client$.catch(() => undefined); // callers observe the rejection; avoid an unhandled one

  const definition: Record<string, grpcJs.MethodDefinition<Buffer, Buffer>> = {};
  const handlers: grpcJs.UntypedServiceImplementation = {};
  for (const [key, method] of Object.entries(sdk.analyzerService)) {
    if (method.requestStream || method.responseStream) continue; // the Analyzer service is all unary
    definition[key] = {
      ...method,
      requestSerialize: same,
      requestDeserialize: same,
      responseSerialize: same,
      responseDeserialize: same,
    };
    const handler: grpcJs.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
      debug(7, `policy proxy: ${method.path}`);
      if (method.path === ANALYZER_HANDSHAKE) return callback(null, empty);
      if (method.path === ANALYZER_CONFIGURE_STACK) {
        configure(call.request);
        return callback(null, empty);
      }
      configure(undefined); // e.g. `pulumi policy publish` never configures a stack
      client$.then(
        (client) => client.makeUnaryRequest(method.path, same, same, call.request, callback),
        (err: unknown) => callback(grpcError(grpc.status.UNAVAILABLE, `policy pack not started: ${errorMessage(err)}`)),
      );
    };
    handlers[key] = handler;
  }

  const server = new grpc.Server({ "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE });
  server.addService(definition, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, boundPort) =>
      err ? reject(err) : resolve(boundPort),
    ),
  );

  return {
    port,
    configuration: configured$.then((bytes) =>
      bytes ? sdk.analyzer.AnalyzerStackConfigureRequest.deserializeBinary(new Uint8Array(bytes)) : undefined,
    ),
    async attach(policyPackPort) {
      const client = new grpc.Client(`127.0.0.1:${policyPackPort}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE,
      });
      if (configBytes) {
        const request = configBytes;
        await new Promise<void>((resolve, reject) =>
          client.makeUnaryRequest(ANALYZER_CONFIGURE_STACK, same, same, request, (err) => {
            // Policy packs that predate ConfigureStack answer UNIMPLEMENTED; that is fine.
            if (err && err.code !== grpc.status.UNIMPLEMENTED) {
              reject(new Error(`policy pack configuration failed: ${err.message}`));
            } else {
              resolve();
            }
          }),
        );
      }
      resolveClient(client);
    },
    fail: (err) => rejectClient(err),
    close: () => server.forceShutdown(),
  };
}

async function runPlugin(
  call: grpcJs.ServerWritableStream<languagePb.RunPluginRequest, languagePb.RunPluginResponse>,
): Promise<void> {
  const req = call.request;
  const send = (stream: "stdout" | "stderr", data: Buffer | string): void => {
    const message = new sdk.lang.RunPluginResponse();
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    call.write(stream === "stdout" ? message.setStdout(bytes) : message.setStderr(bytes));
  };
  const info = req.getInfo();
  const pluginDir = info?.getProgramDirectory();
  if (!pluginDir) throw new Error("RunPlugin needs the plugin's program directory");
  const opts = parseOptions(info);
  if (req.getAttachDebugger()) throw new Error("attaching a debugger is not supported by this language host");

  const isPolicyPack = req.getKind() === "analyzer";
  const runModule = isPolicyPack
    ? "@pulumi/pulumi/cmd/run-policy-pack"
    : process.env["PULUMI_LANGUAGE_NODEJS_RUN_PATH"] || "@pulumi/pulumi/cmd/run-plugin";
  let runScript: string;
  try {
    runScript = resolveFrom(pluginDir, runModule);
  } catch {
    throw new Error(
      `Cannot find module '${runModule}' from ${pluginDir}: it looks like the Pulumi SDK has not been ` +
        `installed. Have you run npm install in ${pluginDir}?`,
    );
  }
  // run-policy-pack expects `<engine-address> <policy-pack-dir>`; run-plugin expects `<dir> [args...]`.
  const args = isPolicyPack
    ? [...opts.nodeargs, runScript, ...req.getArgsList(), pluginDir]
    : [...opts.nodeargs, runScript, pluginDir, ...req.getArgsList()];
  const env = { ...envFromList(req.getEnvList()), ...typeScriptEnv(opts) };

  let cancelled = false;
  const whenCancelled = new Promise<void>((resolve) =>
    call.on("cancelled", () => {
      cancelled = true;
      resolve();
    }),
  );

  let proxy: AnalyzerProxy | undefined;
  if (isPolicyPack) {
    const analyzerProxy = await startAnalyzerProxy();
    proxy = analyzerProxy;
    whenCancelled.then(
      () => analyzerProxy.close(),
      () => undefined,
    );
    send("stdout", `${analyzerProxy.port}\n`);
    const config = await Promise.race([analyzerProxy.configuration, whenCancelled.then(() => undefined)]);
    if (cancelled) return;
    if (config) {
      const setIf = (key: string, value: string): void => {
        if (value) env[key] = value;
      };
      setIf("PULUMI_NODEJS_ORGANIZATION", config.getOrganization());
      setIf("PULUMI_NODEJS_PROJECT", config.getProject());
      setIf("PULUMI_NODEJS_STACK", config.getStack());
      setIf("PULUMI_NODEJS_DRY_RUN", String(config.getDryRun()));
      const stackConfig: Record<string, string> = {};
      config.getConfigMap().forEach((value: string, key: string) => (stackConfig[key] = value));
      if (Object.keys(stackConfig).length > 0) env["PULUMI_CONFIG"] = JSON.stringify(stackConfig);
    }
  }

  // Policy packs have always run from their own directory; other plugins from the CLI's working directory.
  const cwd = isPolicyPack ? pluginDir : req.getPwd() || pluginDir;
  const child = spawnTracked(process.execPath, args, { cwd, env });
  whenCancelled.then(
    () => stopChild(child),
    () => undefined,
  );
  child.stderr?.on("data", (chunk: Buffer) => send("stderr", chunk));

  if (proxy) {
    // The policy pack prints the port of its gRPC server; that line is for us, everything else is output.
    // Lines printed before it (a console.log at the top of the pack) are passed on instead of failing.
    const attached = proxy;
    let pending: string | undefined = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      if (pending === undefined) return send("stdout", chunk);
      pending += chunk.toString("utf8");
      let port = 0;
      for (let newline = pending.indexOf("\n"); newline >= 0 && !port; newline = pending.indexOf("\n")) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (/^\s*\d+\s*$/.test(line)) port = Number.parseInt(line, 10);
        else send("stdout", `${line}\n`);
      }
      if (!port) return;
      if (pending) send("stdout", pending);
      pending = undefined;
      attached.attach(port).catch((err: unknown) => {
        const failure = err instanceof Error ? err : new Error(String(err));
        send("stderr", `${failure.message}\n`);
        attached.fail(failure);
        stopChild(child);
      });
    });
  } else {
    child.stdout?.on("data", (chunk: Buffer) => send("stdout", chunk));
  }

  const exit = await waitForExit(child);
  proxy?.fail(new Error("the policy pack process has exited"));
  proxy?.close();
  if (exit.spawnError) {
    throw new Error(`Problem executing plugin program (could not run language executor): ${exit.spawnError.message}`);
  }
  if (cancelled) return;
  const code = exit.code ?? signalExitCode(exit.signal ?? "SIGKILL");
  call.write(new sdk.lang.RunPluginResponse().setExitcode(code));
  call.end();
}

// ---------------------------------------------------------------------------------------------------------
// Code generation, by the Go host (pulumi-language-codegen, installed beside this file)

const CODEGEN_METHODS = ["generatePackage", "generateProgram", "generateProject", "link"] as const;
type CodegenMethod = (typeof CODEGEN_METHODS)[number];

let codegenHost: Promise<grpcJs.Client> | undefined;

function codegenClient(): Promise<grpcJs.Client> {
  codegenHost ??= new Promise((resolve, reject) => {
    const binary = path.join(path.dirname(process.argv[1] ?? "."), "pulumi-language-codegen");
    const child = spawnTracked(binary, ["-language=nodejs", ...(engineAddress ? [engineAddress] : [])], {});
    let stdout = "";
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.once("error", (err) => reject(new Error(`could not start ${binary}: ${err.message}`)));
    child.once("close", (code) => reject(new Error(`${binary} exited (code ${code}) before it served`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const port = /^(\d+)\n/.exec(stdout)?.[1];
      if (!port) return;
      const options = { "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE };
      resolve(new sdk.grpc.Client(`127.0.0.1:${port}`, sdk.grpc.credentials.createInsecure(), options));
    });
  });
  return codegenHost;
}

function forwardToCodegen(method: CodegenMethod): grpcJs.handleUnaryCall<unknown, unknown> {
  const definition = sdk.languageService[method] as grpcJs.MethodDefinition<unknown, unknown>;
  return unary(method, async (request: unknown) => {
    const client = await codegenClient();
    return new Promise((resolve, reject) =>
      client.makeUnaryRequest(
        definition.path,
        definition.requestSerialize,
        definition.responseDeserialize,
        request,
        (err: grpcJs.ServiceError | null, response?: unknown) => (err ? reject(err) : resolve(response)),
      ),
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// Engine liveness and the server

// Exit if the engine goes away without shutting us down; it answers the standard gRPC health check.
function watchEngine(address: string): void {
  const client = new sdk.grpc.Client(address, sdk.grpc.credentials.createInsecure());
  const timer = setInterval(() => {
    const none = Buffer.alloc(0);
    client.makeUnaryRequest(
      "/grpc.health.v1.Health/Check",
      (b: Buffer) => b,
      (b: Buffer) => b,
      none,
      (err) => {
        if (err && err.code !== sdk.grpc.status.UNIMPLEMENTED) {
          debug(1, `engine at ${address} is unreachable (${err.message}); exiting`);
          shutdown(1);
        }
      },
    );
  }, ENGINE_HEALTH_INTERVAL_MS);
  timer.unref();
}

// The CLI killed without shutting us down re-parents this process: end the programs it ran at once
// (they would only go on registering resources for no one) and exit. Reading the parent pid is cheap,
// and it works whatever the CLI did with our stdin.
function watchParent(): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    for (const child of children) child.kill("SIGKILL");
    process.exit(1);
  }, PARENT_POLL_MS);
  timer.unref();
}

function shutdown(code: number): void {
  for (const child of children) stopChild(child);
  server.tryShutdown(() => process.exit(code));
  setTimeout(() => process.exit(code), KILL_GRACE_MS).unref();
}

function createServer(): grpcJs.Server {
  const { lang, plugin } = sdk;
  const newServer = new sdk.grpc.Server({ "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE });
  // Methods left out here are answered with UNIMPLEMENTED by grpc-js.
  const implementation: grpcJs.UntypedServiceImplementation = {
    handshake: unary("Handshake", (req: languagePb.LanguageHandshakeRequest) => {
      engineAddress = req.getEngineAddress();
      watchEngine(engineAddress);
      return new lang.LanguageHandshakeResponse();
    }),
    getPluginInfo: unary("GetPluginInfo", () => new plugin.PluginInfo().setVersion(sdk.version)),
    getRequiredPackages: unary("GetRequiredPackages", (req: languagePb.GetRequiredPackagesRequest) => {
      const dir = req.getInfo()?.getProgramDirectory();
      if (!dir) throw new Error("GetRequiredPackages needs a program directory");
      return new lang.GetRequiredPackagesResponse().setPackagesList(requiredPackages(dir));
    }),
    run: unary("Run", runProgram),
    installDependencies: serverStream("InstallDependencies", installDependencies),
    about: unary("About", about),
    getProgramDependencies: unary("GetProgramDependencies", (req: languagePb.GetProgramDependenciesRequest) => {
      const dir = req.getInfo()?.getProgramDirectory() || req.getPwd() || process.cwd();
      const dependencies = programDependencies(dir, req.getTransitivedependencies()).map(([name, version]) =>
        new lang.DependencyInfo().setName(name).setVersion(version),
      );
      return new lang.GetProgramDependenciesResponse().setDependenciesList(dependencies);
    }),
    runPlugin: serverStream("RunPlugin", runPlugin),
    ...Object.fromEntries(CODEGEN_METHODS.map((method) => [method, forwardToCodegen(method)])),
    cancel: unary("Cancel", () => {
      for (const child of programs) stopChild(child);
      return new sdk.empty.Empty();
    }),
  };
  newServer.addService(sdk.languageService, implementation);
  return newServer;
}

// ---------------------------------------------------------------------------------------------------------
// Start-up

if (flags.runtime !== "nodejs") {
  process.stderr.write(`pulumi-language-nodejs: unsupported runtime: ${flags.runtime}\n`);
  process.exit(1);
}

let sdk: Sdk;
try {
  sdk = loadSdk(sdkSearchDirs());
} catch (err) {
  process.stderr.write(`pulumi-language-nodejs: ${errorMessage(err)}\n`);
  process.exit(1);
}
debug(5, `using @pulumi/pulumi ${sdk.version} from ${sdk.dir}`);

if (flags.version) {
  process.stdout.write(`${sdk.version}\n`);
  process.exit(0);
}

let engineAddress = flags.engineAddress ?? "";
const server = createServer();
server.bindAsync("127.0.0.1:0", sdk.grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    process.stderr.write(`pulumi-language-nodejs: could not start the gRPC server: ${err.message}\n`);
    process.exit(1);
  }
  // The CLI reads the first line of stdout as our port.
  process.stdout.write(`${port}\n`);
  if (engineAddress) watchEngine(engineAddress);
});
watchParent();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => shutdown(0));
