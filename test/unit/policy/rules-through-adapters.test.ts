/**
 * Each rule, passing and failing, from the same fixtures: on the neutral plan, through the CDKTF
 * aspect on a real stack, and through the Pulumi policies as a stack policy sees the resources. The
 * Terraform adapter runs the same fixtures through a real `terraform plan` in test/e2e/policy-terraform.
 */
import { readFileSync } from "node:fs";
import { Aspects } from "cdktf";
import type { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { evaluate, resolveConfig, UNKNOWN, type Plan } from "../../../policy";
import { ScrumsPolicyAspect } from "../../../cdktf/policy-aspect";
import { pulumiPolicies } from "../../../policy/adapters/pulumi";
import { POLICY_DOCS_PATH, policyDocs } from "../../../scripts/generate/policy-docs";
import { POLICY_CASES } from "../../fixtures/policy-cases";
import { neutralPlan, PULUMI_TYPE_PREFIXES, pulumiResources, synthesizeCdktf } from "../../support/policy-renderers";
import type { Declaration } from "../../e2e/fixtures/pulumi-declare/declaration";

const found = (plan: Plan) => evaluate(plan, resolveConfig()).map((f) => `${f.rule.id} ${f.resource.name} ${f.field}`);

function cdktfViolations(declaration: Declaration): string[] {
  const annotations = synthesizeCdktf(declaration, (stack) => Aspects.of(stack).add(new ScrumsPolicyAspect()));
  return Object.entries(annotations).flatMap(([id, entries]) =>
    entries.map((entry) => `${/\[([a-z-]+)\]/.exec(entry)![1]} ${id}`),
  );
}

function pulumiViolations(declaration: Declaration, typePrefix?: string): string[] {
  const resources = pulumiResources(declaration, typePrefix);
  const violations: string[] = [];
  for (const policy of pulumiPolicies()) {
    const reportFor =
      (name?: string): ReportViolation =>
      () =>
        violations.push(`${policy.name} ${name}`);
    const getConfig = <T>() => ({}) as T;
    if ("validateStack" in policy) {
      const report: ReportViolation = (_message, urn) =>
        violations.push(`${policy.name} ${resources.find((r) => r.urn === urn)?.name}`);
      void (policy as StackValidationPolicy).validateStack!({ resources, getConfig } as never, report);
    } else {
      for (const resource of resources) {
        void (
          (policy as ResourceValidationPolicy).validateResource as (args: unknown, report: ReportViolation) => void
        )({ ...resource, getConfig } as PolicyResource & { getConfig: typeof getConfig }, reportFor(resource.name));
      }
    }
  }
  return violations;
}

describe.each(POLICY_CASES)("$rule", ({ rule, passes, fails, violation }) => {
  it("passes and fails on the neutral plan", () => {
    expect(found(neutralPlan(passes))).toEqual([]);
    expect(found(neutralPlan(fails))).toEqual([`${rule} ${violation.resource} ${violation.field}`]);
  });

  it("passes and fails at cdktf synth", () => {
    expect(cdktfViolations(passes)).toEqual([]);
    expect(cdktfViolations(fails)).toEqual([`${rule} ${violation.resource}`]);
  });

  it.each(Object.entries(PULUMI_TYPE_PREFIXES))(
    "passes and fails in the Pulumi policies, on the %s types",
    (_, prefix) => {
      expect(pulumiViolations(passes, prefix)).toEqual([]);
      // Pulumi's classes and the native provider's schema make every value of `secrets` a secret, so that rule cannot fail there.
      expect(pulumiViolations(fails, prefix)).toEqual(
        rule === "integration-secrets-are-secret" ? [] : [`${rule} ${violation.resource}`],
      );
    },
  );
});

describe("organization-keeps-owner (it needs the platform's current roles, which only a Terraform plan carries)", () => {
  const plan = (action: "delete" | "update", otherRole: string): Plan => ({
    resources: [
      {
        kind: "Organization",
        name: "org",
        action: "keep",
        properties: { slug: "acme", id: "ORG-1" },
        prior: { id: "ORG-1" },
        references: {},
        secretPaths: [],
      },
      {
        kind: "OrganizationMember",
        name: "ana",
        action,
        properties: { organizationId: "ORG-1", email: "ana@acme.example", role: "admin" },
        prior: { role: "owner" },
        references: {},
        secretPaths: [],
      },
      {
        kind: "OrganizationMember",
        name: "bo",
        action: "keep",
        properties: { organizationId: "ORG-1", email: "bo@acme.example", role: otherRole },
        prior: { role: otherRole },
        references: {},
        secretPaths: [],
      },
    ],
  });
  const keepsOwner = (p: Plan) => found(p).filter((f) => f.startsWith("organization-keeps-owner"));

  it("stops removing or demoting the last owner", () => {
    expect(keepsOwner(plan("delete", "admin"))).toEqual(["organization-keeps-owner ana role"]);
    expect(keepsOwner(plan("update", "member"))).toEqual(["organization-keeps-owner ana role"]);
  });

  it("lets it through while another owner remains", () => {
    expect(keepsOwner(plan("delete", "owner"))).toEqual([]);
  });
});

describe("values not known before apply", () => {
  it("are never judged", () => {
    const plan: Plan = {
      resources: [
        {
          kind: "Organization",
          name: "org",
          action: "declared",
          properties: { slug: "acme", enforceSso: UNKNOWN, requireMfa: true, deletionPolicy: "retain" },
          references: {},
          secretPaths: [],
        },
      ],
    };
    expect(found(plan)).toEqual([]);
  });
});

describe("docs/policy.md", () => {
  it("is what the rules say today (else: npm run generate)", () => {
    expect(readFileSync(POLICY_DOCS_PATH, "utf8")).toBe(policyDocs());
  });

  it("configures the rules as it says with its example file: all mandatory, one disabled, one organization exempt", () => {
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(readFileSync(POLICY_DOCS_PATH, "utf8"))![1]!) as unknown;
    const settings = resolveConfig(example);
    expect(Object.fromEntries(settings.map(({ rule, level }) => [rule.id, level]))).toEqual(
      Object.fromEntries(
        settings.map(({ rule }) => [
          rule.id,
          rule.id === "organization-retained-on-destroy" ? "disabled" : "mandatory",
        ]),
      ),
    );
    const withoutMfa = (slug: string): Plan["resources"][number] => ({
      kind: "Organization",
      name: slug,
      action: "declared",
      properties: { slug, enforceSso: false, requireMfa: false },
      references: {},
      secretPaths: [],
    });
    const findings = evaluate({ resources: [withoutMfa("sandbox"), withoutMfa("acme")] }, settings);
    expect(findings.map((f) => `${f.level} ${f.rule.id} ${f.resource.name} ${f.field}`).sort()).toEqual([
      "mandatory sso-and-mfa-enforced acme enforceSso",
      "mandatory sso-and-mfa-enforced acme requireMfa",
    ]);
  });
});
