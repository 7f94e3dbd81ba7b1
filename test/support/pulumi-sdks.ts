/**
 * The generated SDKs under sdk/ made available to a program in a test, as README's "Pulumi in other
 * languages" tells a user of a checkout: the TypeScript SDK linked into the program's node_modules, the
 * Python SDK installed by pip from the folder `SCRUMS_PYTHON_SDK` names in requirements.txt.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { PYTHON_SDK_ENV } from "../../provider/discover/writers/pulumi-python";
import { readmeTableCommand } from "./readme";
import { repoRoot } from "./tools";

/**
 * Runs, in the program's directory `dir`, the command README's "Pulumi in other languages" gives for a
 * TypeScript program, as written (`$SCRUMS_IAC` is this checkout). Its program must then run where the
 * language host is told of no other @pulumi/pulumi (`PULUMI_LANGUAGE_NODEJS_SDK_DIR` empty), as with
 * Pulumi's own host.
 */
export function followReadmeTypeScriptSetup(dir: string): void {
  rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
  const command = readmeTableCommand("Pulumi in other languages", "TypeScript");
  execFileSync("bash", ["-e", "-c", command], { cwd: dir, env: { ...process.env, SCRUMS_IAC: repoRoot } });
}

/** Makes `node_modules` in `dir` resolve @pulumi/pulumi and the generated SDK, as `npm install ../sdk/nodejs` would. */
export function linkNodeModules(dir: string): void {
  const links = {
    "@pulumi/pulumi": path.join(repoRoot, "node_modules/@pulumi/pulumi"),
    "@scrums-iac/pulumi-scrums": path.join(repoRoot, "sdk/nodejs"),
  };
  for (const [name, target] of Object.entries(links)) {
    const link = path.join(dir, "node_modules", name);
    mkdirSync(path.dirname(link), { recursive: true });
    rmSync(link, { force: true });
    symlinkSync(target, link);
  }
}

/**
 * The environment in which `pulumi install` pip-installs the Python SDK from a copy of sdk/python made
 * under `scratch` (pip builds a local project where it lies, which would leave build/ in sdk/).
 */
export function pythonSdkEnv(scratch: string): Record<string, string> {
  const copy = path.join(scratch, "python-sdk");
  cpSync(path.join(repoRoot, "sdk/python"), copy, { recursive: true });
  return { [PYTHON_SDK_ENV]: copy };
}
