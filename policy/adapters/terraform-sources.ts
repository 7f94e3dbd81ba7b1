/**
 * Where each resource of a Terraform plan is declared, for code-scanning UIs, which show a finding on
 * a line of a file of the repository (GitHub refuses a SARIF result without one). The plan names each
 * module's local source; the `.tf` files of that directory hold the `resource` blocks.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { moduleDirectories } from "./terraform-plan";

/** A file relative to the repository's root, with `/` between folders, and the line of the block. */
export interface SourceLocation {
  uri: string;
  line?: number;
}

const RESOURCE_BLOCK = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;

/** `module.app["a"].scrums_workspace.ws[0]` → `module.app.scrums_workspace.ws`: the block's address. */
const withoutIndexes = (address: string) => address.replace(/\[[^\]]*\]/g, "");

/** The closest folder above `dir` (or itself) that holds `.git`, else `dir`. */
function repositoryRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, ".git"))) return at;
    if (path.dirname(at) === at) return dir;
  }
}

/**
 * Locates the resources of `plan`, whose root module is the configuration in `configurationDir`. A
 * resource whose block is not found (a module from a registry, a `.tf.json` file) is placed on the
 * plan file itself.
 */
export function sourceLocator(plan: unknown, planFile: string, configurationDir: string) {
  const root = repositoryRoot(path.resolve(configurationDir));
  const uriOf = (file: string) => path.relative(root, path.resolve(file)).split(path.sep).join("/");
  const blocks = new Map<string, SourceLocation>();
  for (const [prefix, dir] of moduleDirectories(plan)) {
    const moduleDir = path.resolve(configurationDir, dir);
    if (!existsSync(moduleDir)) continue;
    for (const name of readdirSync(moduleDir).filter((file) => file.endsWith(".tf"))) {
      const file = path.join(moduleDir, name);
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((text, index) => {
          const block = RESOURCE_BLOCK.exec(text);
          if (block) blocks.set(`${prefix}${block[1]}.${block[2]}`, { uri: uriOf(file), line: index + 1 });
        });
    }
  }
  return (address: string): SourceLocation => blocks.get(withoutIndexes(address)) ?? { uri: uriOf(planFile) };
}
