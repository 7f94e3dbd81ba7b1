/**
 * `scrums-iac/cdktn`: the compiled `scrums-iac/cdktf` (bindings, blueprint, policy aspect) with every
 * import of the `cdktf` library turned into one of `cdktn`, CDK Terrain's name for the same library.
 * Run after `tsc` (npm run build). Only imports change: the code and the declarations are the same.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const DIST = path.resolve(__dirname, "../../dist");
const FROM = path.join(DIST, "cdktf");
const TO = path.join(DIST, "cdktn");

/** `require("cdktf")`, `from 'cdktf'`, `import("cdktf")`: the module specifier alone, in JS and in declarations. */
const CDKTF_IMPORT = /((?:require|import)\(\s*|from\s+)(["'])cdktf\2/g;

rmSync(TO, { recursive: true, force: true });
cpSync(FROM, TO, { recursive: true });
for (const entry of readdirSync(TO, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(js|d\.ts)$/.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  writeFileSync(file, readFileSync(file, "utf8").replace(CDKTF_IMPORT, "$1$2cdktn$2"));
}
