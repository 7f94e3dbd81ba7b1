/** The CDKTF bindings checked in under cdktf/providers/scrums are what `cdktf get` makes of today's provider. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BINDINGS_DIR, generateBindings } from "../../scripts/generate/cdktf-bindings";
import { TERRAFORM_CLI_CONFIG_ENV } from "../support/terraform-workdir";
import { toolsEnv } from "../support/tools";

const filesUnder = (root: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(root, file), readFileSync(file, "utf8")];
      }),
  );

let scratch: string;
afterAll(() => scratch && rmSync(scratch, { recursive: true, force: true }));

it("are up to date with the provider's schema (else: npm run generate:cdktf)", () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-bindings-"));
  const fresh = path.join(scratch, "scrums");
  generateBindings(process.env[TERRAFORM_CLI_CONFIG_ENV]!, fresh, toolsEnv());
  const generated = filesUnder(fresh);
  expect(Object.keys(generated)).toContain("organization/index.ts");
  expect(filesUnder(BINDINGS_DIR)).toEqual(generated);
});
