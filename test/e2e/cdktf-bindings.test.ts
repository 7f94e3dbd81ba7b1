/** The CDKTF bindings checked in under cdktf/providers/scrums are what `cdktf get` makes of today's provider. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BINDINGS_DIR, generateBindings } from "../../scripts/generate/cdktf-bindings";
import { filesUnder } from "../support/files";
import { TERRAFORM_CLI_CONFIG_ENV } from "../support/terraform-workdir";
import { toolsEnv } from "../support/tools";

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
