/**
 * `scrums-iac discover` against an organization built through the API alone: it reads through list
 * endpoints only (the emulator counts no write), and each format's code, with the secrets filled in,
 * plans only the imports (and the documented update of integrations whose secrets cannot be read
 * back), applies them, and then plans no change.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CdktfProject } from "../support/cdktf-project";
import { requestCounts } from "../support/create-faults";
import { type BuiltOrganization, buildOrganization, discoverInto } from "../support/discover-organization";
import { useEmulator } from "../support/emulator-fixtures";
import { run } from "../support/run";
import { TerraformWorkdir } from "../support/terraform-workdir";
import { repoRoot } from "../support/tools";

const ctx = useEmulator();
jest.setTimeout(10 * 60 * 1000);
const scratch = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-discover-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let org: BuiltOrganization;
beforeAll(async () => {
  await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
  org = await buildOrganization(ctx.fx);
});

const discover = (format: string, ...extra: string[]) => discoverInto(ctx, scratch, org.slug, format, ...extra);

const secretsAsVariables = () =>
  Object.fromEntries(Object.entries(org.secrets).map(([name, value]) => [`TF_VAR_${name}`, value]));

/** Integrations whose secrets the platform never returns: declaring them after an import is an update. */
const WITH_SECRETS = 3;

it("reads the organization through list endpoints alone, and says what it found and which secrets to fill in", async () => {
  await ctx.client.control("DELETE", "/requests");
  const { stdout } = await discover("hcl");
  const routes = Object.keys(await requestCounts(ctx));
  expect(routes.filter((route) => !route.startsWith("GET "))).toEqual([]);
  expect(routes.filter((route) => /:(\w+_)?id$/.test(route))).toEqual([]);
  expect(stdout).toMatch(/Organization\s+1/);
  expect(stdout).toMatch(/OrganizationMember\s+4/);
  for (const name of Object.keys(org.secrets)) expect(stdout).toContain(name);
});

it("writes HCL that is formatted and valid, plans only the imports, applies them and then plans no change", async () => {
  const { out } = await discover("hcl");
  const main = readFileSync(path.join(out, "main.tf"), "utf8");
  expect(main).toMatch(/workspace_id\s+= scrums_workspace\.platform\.id/);
  expect(main).toMatch(/user_id\s+= scrums_organization_member\.\w+\.user_id/);
  expect(main).toMatch(/organization_role = scrums_organization_member\.\w+\.role/);
  expect(main).toMatch(/planned_sso_domains = \[".*"\]/);
  expect(main).not.toMatch(/deletion_policy|adopt_existing|require_task_service_line = false/);
  const tf = new TerraformWorkdir(
    { url: ctx.env.emulator.url, token: ctx.env.emulator.token },
    out,
    secretsAsVariables(),
  );
  expect((await tf.terraform(["fmt", "-check", "-diff"], { allowFailure: true })).stdout).toBe("");
  const validate = await tf.terraform(["validate"], { allowFailure: true });
  expect({ code: validate.code, errors: validate.stderr }).toEqual({ code: 0, errors: "" });
  const plan = await tf.plan();
  expect(plan.stdout).toMatch(
    new RegExp(`Plan: ${org.objects} to import, 0 to add, ${WITH_SECRETS} to change, 0 to destroy`),
  );
  await tf.apply();
  const after = await tf.plan();
  expect({ code: after.code, plan: after.stdout }).toEqual({ code: 0, plan: expect.stringMatching(/No changes/) });
});

it("writes a CDKTF app that type-checks, deploys the imports and then plans no change", async () => {
  const { out } = await discover("cdktf");
  const main = path.join(out, "main.ts");
  writeFileSync(
    main,
    readFileSync(main, "utf8").replace('"scrums-iac/cdktf"', JSON.stringify(path.join(repoRoot, "cdktf"))),
  );
  const project = new CdktfProject(
    { url: ctx.env.emulator.url, token: ctx.env.emulator.token },
    out,
    secretsAsVariables(),
  );
  const typecheck = await run(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", project.dir], {
    cwd: project.dir,
    allowFailure: true,
  });
  expect({ code: typecheck.code, errors: typecheck.stdout }).toEqual({ code: 0, errors: "" });
  const deploy = await project.deploy(org.slug);
  expect(deploy.stdout).toMatch(
    new RegExp(`${org.objects} to import, 0 to add, ${WITH_SECRETS} to change, 0 to destroy`),
  );
  const after = await project.terraform(org.slug).plan();
  expect({ code: after.code, plan: after.stdout }).toEqual({ code: 0, plan: expect.stringMatching(/No changes/) });
  project.remove();
});

it("narrows to a workspace with its members and integrations, naming the rest by id", async () => {
  const { out, stdout } = await discover("hcl", "--workspace", "data");
  expect(stdout).toMatch(/: 5 objects/);
  const main = readFileSync(path.join(out, "main.tf"), "utf8");
  expect(main.match(/^resource "\w+"/gm)).toEqual([
    'resource "scrums_workspace"',
    'resource "scrums_workspace_member"',
    'resource "scrums_workspace_member"',
    'resource "scrums_integration"',
    'resource "scrums_integration"',
  ]);
  expect(main).toContain(`organization_id           = "${org.id}"`);
  expect(main).toMatch(/organization_role = "billing"/);
  const tf = new TerraformWorkdir({ url: ctx.env.emulator.url, token: ctx.env.emulator.token }, out, {
    TF_VAR_data_vercel_access_token: org.secrets.data_vercel_access_token!,
  });
  expect((await tf.plan()).stdout).toMatch(/Plan: 5 to import, 0 to add, 1 to change, 0 to destroy/);
});
