/**
 * Two declarations that say the same thing, through the real `pulumi` and `terraform` against the
 * emulator: two identical integrations are two objects (and destroying one leaves the other), two
 * organizations with one slug are a conflict that names `adoptExisting`. Creates are keyed by their
 * declaration, not by their body alone, so neither gets the other's object back from the platform's
 * idempotent replay. The one case Terraform cannot tell from a retry (see the README's "Safe
 * retries") is reported by the next plan instead of merging silently.
 */
import { unique } from "../support/emulator-client";
import { useEmulator } from "../support/emulator-fixtures";
import { resources } from "../support/hcl";
import { PulumiWorkspace } from "../support/pulumi-stack";
import { useTerraformWorkdirs } from "../support/terraform-workdir";

const ctx = useEmulator();
const workdir = useTerraformWorkdirs(ctx);
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());

const api = () => ({ url: ctx.env.emulator.url, token: ctx.env.emulator.token });
const integrationsOf = async (orgId: string) => ctx.fx.all(`/v1/integrations?organization_id=${orgId}`);

const SLACK = {
  type: "slack",
  config: { team_id: "T0TWIN", channel: "#twins" },
  secrets: { bot_token: "xoxb-twin-token" },
};
const slackTf = (orgId: string) => ({
  organization_id: orgId,
  type: SLACK.type,
  config: SLACK.config,
  secrets: SLACK.secrets,
});

describe("terraform", () => {
  test("two identical integrations are two objects, and destroying one leaves the other", async () => {
    const orgId = (await ctx.fx.org()).id as string;
    const tf = workdir();
    const twin = { type: "scrums_integration", args: slackTf(orgId) };
    tf.write(resources({ first: twin, second: twin }));
    await tf.apply();

    const state = await tf.resources();
    const ids = [state["scrums_integration.first"]!.values.id, state["scrums_integration.second"]!.values.id];
    expect(new Set(ids).size).toBe(2);
    expect((await integrationsOf(orgId)).map((i) => i.id).sort()).toEqual([...ids].sort());
    expect((await tf.plan()).code).toBe(0);

    tf.write(resources({ first: twin }));
    await tf.apply();
    expect((await integrationsOf(orgId)).map((i) => i.id)).toEqual([ids[0]]);
    expect((await tf.plan()).code).toBe(0);
  });

  test("two organizations with one slug: the second fails on the conflict, naming adoptExisting", async () => {
    const slug = unique("twin");
    const tf = workdir();
    const twin = { type: "scrums_organization", args: { name: "Twin", slug } };
    tf.write(resources({ first: twin, second: twin }));
    const failed = await tf.apply().then(
      () => "applied",
      (error: Error) => error.message.replace(/\s+/g, " "),
    );
    expect(failed).toMatch(/slug "?\S+"? already exists \(API code slug_taken\)\. Set adopt_existing: true/);
    expect((await ctx.fx.all("/v1/orgs")).filter((org) => org.slug === slug)).toHaveLength(1);
    expect(Object.keys(await tf.resources())).toHaveLength(1);
  });

  test("an identical block added within a day of its twin's create: the next plan names the shared object", async () => {
    const orgId = (await ctx.fx.org()).id as string;
    const tf = workdir();
    const twin = { type: "scrums_integration", args: slackTf(orgId) };
    tf.write(resources({ first: twin }));
    await tf.apply();
    tf.write(resources({ first: twin, second: twin }));
    await tf.apply();

    const planned = await tf.terraform(["plan", "-input=false"], { allowFailure: true });
    expect(planned.code).toBe(1);
    const [held] = (await integrationsOf(orgId)).map((i) => i.id as string);
    expect(planned.stderr.replace(/\s+/g, " ")).toContain(
      `${held} is held by two scrums_integration resources of this configuration`,
    );
  });
});

describe("pulumi", () => {
  test("two identical integrations are two objects, and destroying one leaves the other", async () => {
    const orgId = (await ctx.fx.org()).id as string;
    const stack = await pulumi.stack("twins", api());
    const twin = { type: "Integration" as const, args: { organizationId: orgId, ...SLACK } };
    stack.declare({ resources: { first: twin, second: twin } });
    await stack.up();

    const state = await stack.resources();
    const ids = [state.first!.id, state.second!.id];
    expect(new Set(ids).size).toBe(2);
    expect((await integrationsOf(orgId)).map((i) => i.id).sort()).toEqual([...ids].sort());
    await stack.preview("--expect-no-changes");

    stack.declare({ resources: { first: twin } });
    await stack.up();
    expect((await integrationsOf(orgId)).map((i) => i.id)).toEqual([ids[0]]);
    await stack.preview("--expect-no-changes");
  });

  test("an identical integration added in a later run is an object of its own", async () => {
    const orgId = (await ctx.fx.org()).id as string;
    const stack = await pulumi.stack("later-twin", api());
    const twin = { type: "Integration" as const, args: { organizationId: orgId, ...SLACK } };
    stack.declare({ resources: { first: twin } });
    await stack.up();
    stack.declare({ resources: { first: twin, second: twin } });
    await stack.up();
    const state = await stack.resources();
    expect(state.second!.id).not.toBe(state.first!.id);
    expect(await integrationsOf(orgId)).toHaveLength(2);
  });

  test("two organizations with one slug: the second fails on the conflict, naming adoptExisting", async () => {
    const slug = unique("twin");
    const stack = await pulumi.stack("twin-orgs", api());
    const twin = { type: "Organization" as const, args: { name: "Twin", slug } };
    stack.declare({ resources: { first: twin, second: twin } });
    const failed = await stack.up().then(
      () => "applied",
      (error: Error) => error.message,
    );
    expect(failed).toMatch(/already exists \(API code slug_taken\)\. Set adoptExisting: true/);
    expect((await ctx.fx.all("/v1/orgs")).filter((org) => org.slug === slug)).toHaveLength(1);
    expect(Object.keys(await stack.resources())).toHaveLength(1);
  });
});
