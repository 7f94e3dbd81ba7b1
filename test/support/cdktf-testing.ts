/**
 * cdktf's `Testing.app()` makes a new `cdktf.outdir.*` directory in the system's temporary directory on
 * every call and never removes it. `testApp()` gives every app of a test file one output directory
 * instead, made on first use and removed after the file's tests. Import it at the top of a test file
 * (or of a module a test file imports): it registers that `afterAll`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type App, Testing } from "cdktf";

let outdir: string | undefined;

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
});

/** `Testing.app()`, synthesizing into the test file's one output directory. */
export function testApp(): App {
  outdir ??= mkdtempSync(path.join(os.tmpdir(), "scrums-cdktf-test-"));
  return Testing.app({ outdir });
}
