/**
 * The policy rules through the real tools: `terraform plan` then `scrums-iac policy check` over every
 * fixture, and the Pulumi policy pack in `pulumi preview` (blocking, letting through) and `pulumi up`
 * at the remediate level. (`cdktf synth` failing on a violation: cdktf-quickstart.test.ts.)
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { POLICY_CASES } from "../fixtures/policy-cases";
import { useEmulator } from "../support/emulator-fixtures";
import { resources } from "../support/hcl";
import { terraformResources } from "../support/policy-renderers";
import { PulumiWorkspace } from "../support/pulumi-stack";
import { run } from "../support/run";
import { useTerraformWorkdirs } from "../support/terraform-workdir";
import { repoRoot } from "../support/tools";
import { KINDS } from "../../provider/model/resources";

interface SarifResult {
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: Array<{ fullyQualifiedName: string }>;
  }>;
}

const ctx = useEmulator();
const workdir = useTerraformWorkdirs(ctx);
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());
const POLICY_PACK = path.join(repoRoot, "policy/pulumi-pack");
const policyCheck = (...args: string[]) =>
  run("node", [path.join(repoRoot, "bin/scrums-iac"), "policy", "check", ...args], {
    cwd: repoRoot,
    allowFailure: true,
  });

describe("terraform plan, then scrums-iac policy check", () => {
  const planned = POLICY_CASES.filter((c) => !c.terraformRejects);
  let planJson: string;
  let report: { violations: Array<{ rule: string; resource: string; field?: string; level: string }> };
  let exitCode: number;

  beforeAll(async () => {
    const tf = workdir();
    const parts = planned.flatMap((c, i) => [
      terraformResources(c.passes, `pass${i}`),
      terraformResources(c.fails, `fail${i}`),
    ]);
    tf.write(parts.map((part) => `${part.variables}\n${resources(part.resources)}`).join("\n"));
    await tf.terraform(["plan", "-out", "plan.out", "-input=false"]);
    planJson = path.join(tf.dir, "plan.json");
    writeFileSync(planJson, (await tf.terraform(["show", "-json", "plan.out"], { unrecorded: true })).stdout);
    const checked = await policyCheck(planJson, "--format", "json");
    exitCode = checked.code;
    report = JSON.parse(checked.stdout);
  });

  it.each(planned.map((c, i) => [c.rule, c, i] as const))(
    "%s: the failing fixture is reported, on its resource and field, and the passing one is not",
    (_rule, c, i) => {
      const of = (prefix: string) =>
        report.violations
          .filter((v) => v.resource.split(".")[1]!.startsWith(`${prefix}_`))
          .map((v) => `${v.rule} ${v.resource} ${v.field}`);
      expect(of(`pass${i}`)).toEqual([]);
      const type = KINDS[c.fails.resources[c.violation.resource]!.type].terraformType;
      expect(of(`fail${i}`)).toEqual([`${c.rule} ${type}.fail${i}_${c.violation.resource} ${c.violation.field}`]);
    },
  );

  it("exits 1 on a mandatory violation, and gives the same findings as SARIF", async () => {
    expect(exitCode).toBe(1);
    const sarif = await policyCheck(planJson, "--format", "sarif", "--dir", path.dirname(planJson));
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(
      report.violations.map((v) => v.rule).sort(),
    );
    // Code scanning places each result on a line of a file (GitHub refuses a result without one): the resource's block.
    const lines = readFileSync(path.join(path.dirname(planJson), "main.tf"), "utf8").split("\n");
    for (const result of log.runs[0].results as SarifResult[]) {
      const [location] = result.locations;
      const [type, name] = location!.logicalLocations[0]!.fullyQualifiedName.split(".");
      expect(location!.physicalLocation.artifactLocation.uri).toBe("main.tf");
      expect(lines[location!.physicalLocation.region.startLine - 1]).toMatch(
        new RegExp(`^resource "${type}" "${name}"`),
      );
    }
    const human = await policyCheck(planJson);
    // Terraform's names throughout: the attribute, the message and the fix.
    expect(human.stdout).toMatch(
      /MANDATORY \[sso-and-mfa-enforced\] scrums_organization\.fail0_org \(require_mfa\): organization .* must set require_mfa to true\n {4}fix: require_mfa = true/,
    );
    expect(human.stdout).not.toMatch(/requireMfa|enforceSso|ssoEnforcement/);
  });

  it("tells what is wrong with a bad plan file or configuration, exit 2 and no stack trace", async () => {
    const notPlan = path.join(path.dirname(planJson), "state.json");
    writeFileSync(notPlan, JSON.stringify({ format_version: "1.0", values: {} }));
    const badPlan = await policyCheck(notPlan);
    expect(badPlan.code).toBe(2);
    expect(badPlan.stderr).toMatch(/not a Terraform plan in JSON .*configuration/);
    const config = path.join(path.dirname(planJson), "policy.json");
    writeFileSync(
      config,
      JSON.stringify({ "sso-and-mfa-enforced": { exemptOrganizations: "acme" }, "no-such-rule": "mandatory" }),
    );
    const badConfig = await policyCheck(planJson, "--config", config);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/sso-and-mfa-enforced\.exemptOrganizations: Invalid input: expected array/);
    expect(badConfig.stderr).toMatch(/unknown rule "no-such-rule": the rules are sso-and-mfa-enforced, /);
    expect(`${badPlan.stderr}${badConfig.stderr}`).not.toMatch(/\n\s+at /);
  });
});

describe("the Pulumi policy pack", () => {
  const [mfa] = POLICY_CASES;
  const api = () => ({ url: ctx.env.emulator.url, token: ctx.env.emulator.token });

  it("blocks a preview that breaks a mandatory rule, and lets a compliant one through", async () => {
    const violating = await pulumi.stack("policy-violating", api());
    violating.declare(mfa!.fails);
    const blocked = await violating.pulumi(["preview", "--policy-pack", POLICY_PACK], { allowFailure: true });
    expect(blocked.code).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`).toMatch(
      /\[mandatory\]\s+sso-and-mfa-enforced[\s\S]*must set requireMfa to true/,
    );
    expect(`${blocked.stdout}${blocked.stderr}`).not.toMatch(/can't run policy/);

    const compliant = await pulumi.stack("policy-compliant", api());
    compliant.declare(mfa!.passes);
    const passed = await compliant.preview("--policy-pack", POLICY_PACK);
    expect(passed.code).toBe(0);
  });

  it("fixes the settings at the remediate level in a real pulumi up", async () => {
    await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
    const stack = await pulumi.stack("policy-remediate", api());
    stack.declare(mfa!.fails);
    const config = path.join(stack.dir, "policy-config.json");
    writeFileSync(config, JSON.stringify({ "sso-and-mfa-enforced": "remediate" }));
    const up = await stack.up(
      "--policy-pack",
      POLICY_PACK,
      "--policy-pack-config",
      config,
      "--show-policy-remediations",
    );
    // Pulumi's summary counts remediations; with --show-policy-remediations it names each resource remediated.
    expect(`${up.stdout}${up.stderr}`).toMatch(
      /\[remediate\]\s+sso-and-mfa-enforced\s+\(pulumi-nodejs:dynamic\/scrums:Organization: org\)/,
    );
    const [org] = (await ctx.client.api("GET", "/v1/orgs")).body.data.filter(
      (o: { slug: string }) => o.slug === "acme",
    );
    expect(org.settings).toMatchObject({ enforce_sso: true, require_mfa: true });
  });
});
