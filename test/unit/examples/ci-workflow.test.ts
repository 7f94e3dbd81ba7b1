/** examples/ci: the GitHub Actions workflow users copy passes actionlint and runs the policy check it documents. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot, toolsEnv } from "../../support/tools";

const WORKFLOW = path.join(repoRoot, "examples/ci/scrums-policy.yml");
const workflow = readFileSync(WORKFLOW, "utf8");

const actionlint = (file: string) =>
  spawnSync(toolsEnv().SCRUMS_IAC_ACTIONLINT!, ["-no-color", file], { encoding: "utf8", env: toolsEnv() });

let scratch: string;
afterAll(() => scratch && rmSync(scratch, { recursive: true, force: true }));

it("passes actionlint", () => {
  const linted = actionlint(WORKFLOW);
  expect(linted.error).toBeUndefined();
  expect(linted.stdout).toBe("");
  expect(linted.status).toBe(0);
});

it("would be caught by actionlint if it used a context where GitHub has none", () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-ci-workflow-"));
  const broken = path.join(scratch, "broken.yml");
  writeFileSync(
    broken,
    workflow.replace("TF_IN_AUTOMATION:", "TF_CLI_CONFIG_FILE: ${{ runner.temp }}/rc\n      TF_IN_AUTOMATION:"),
  );
  const linted = actionlint(broken);
  expect(linted.status).toBe(1);
  expect(linted.stdout).toMatch(/context "runner" is not allowed here/);
});

it("checks the plan as SARIF with options the CLI takes, and uploads that file to code scanning", () => {
  const check = /npx scrums-iac policy check plan\.json (.*) > (\S+\.sarif)$/m.exec(workflow);
  expect(check).not.toBeNull();
  const [, options, sarifFile] = check!;
  expect(options).toMatch(/--format sarif/);
  const help = execFileSync("node", [path.join(repoRoot, "bin/scrums-iac"), "policy", "--help"], {
    encoding: "utf8",
    env: toolsEnv(),
  });
  for (const option of options!.match(/--[a-z-]+/g)!) expect(help).toContain(`${option} `);
  expect(workflow).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d+/);
  expect(workflow).toContain(`sarif_file: infra/${sarifFile}`);
  expect(workflow).toMatch(/security-events: write/);
});
