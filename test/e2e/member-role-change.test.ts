/**
 * A member's role change, declared or repairing drift, is one in-place update in both front ends:
 * the member's `userId` (and every value an update cannot change) stays known in the plan, so the
 * workspace membership declared from it is neither planned for replacement nor deleted and posted
 * again by the apply.
 */
import { unique } from "../support/emulator-client";
import { useEmulator } from "../support/emulator-fixtures";
import { expr, type HclValue, resources } from "../support/hcl";
import { PulumiWorkspace, type PulumiStack } from "../support/pulumi-stack";
import { type TerraformWorkdir, useTerraformWorkdirs } from "../support/terraform-workdir";
import type { Declaration } from "./fixtures/pulumi-declare/declaration";

const ctx = useEmulator();
const workdir = useTerraformWorkdirs(ctx);
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());

/** How often the run asked the platform to add or remove a workspace membership. */
async function membershipWrites(): Promise<number> {
  const counted = (await ctx.client.control("GET", "/requests")).body.data as {
    routes: Record<string, { count: number }>;
  };
  return Object.entries(counted.routes)
    .filter(([route]) => /^(POST|DELETE) \/v1\/workspaces\/[^/]+\/members/.test(route))
    .reduce((sum, [, { count }]) => sum + count, 0);
}

const resetRequests = () => ctx.client.control("DELETE", "/requests");

/** Changes the member's role behind the front end's back. */
async function driftRole(memberId: string, role: string) {
  const [orgId, userId] = memberId.split("/");
  const res = await ctx.client.api("PATCH", `/v1/orgs/${orgId}/members/${userId}`, { body: { role } });
  expect(res.status).toBe(200);
}

describe("Terraform: a member's role change", () => {
  let tf: TerraformWorkdir;
  const declared: Record<string, { type: string; args: Record<string, HclValue> }> = {
    org: { type: "scrums_organization", args: { name: "Roles", slug: unique("roles") } },
    ws: {
      type: "scrums_workspace",
      args: { organization_id: expr("scrums_organization.org.id"), name: "Home", slug: "home" },
    },
    sam: {
      type: "scrums_organization_member",
      args: {
        organization_id: expr("scrums_organization.org.id"),
        email: `${unique("sam")}@example.com`,
        role: "admin",
      },
    },
    home_sam: {
      type: "scrums_workspace_member",
      args: {
        workspace_id: expr("scrums_workspace.ws.id"),
        user_id: expr("scrums_organization_member.sam.user_id"),
        role: "member",
      },
    },
  };
  const declare = (role: string) => {
    declared.sam!.args.role = role;
    tf.write(resources(declared));
  };

  /** `terraform plan` saved and shown as JSON: each resource's actions, and the member's planned values. */
  async function plan() {
    await tf.terraform(["plan", "-input=false", "-out=role.tfplan"]);
    const shown = JSON.parse((await tf.terraform(["show", "-json", "role.tfplan"], { unrecorded: true })).stdout) as {
      resource_changes: Array<{
        address: string;
        change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> };
      }>;
    };
    const actions = Object.fromEntries(
      shown.resource_changes.map((change) => [change.address, change.change.actions.join(",")]),
    );
    const member = shown.resource_changes.find((change) => change.address === "scrums_organization_member.sam")!.change;
    return { actions, member };
  }

  async function expectOneInPlaceUpdate(role: string) {
    const { actions, member } = await plan();
    expect(actions).toEqual({
      "scrums_organization.org": "no-op",
      "scrums_workspace.ws": "no-op",
      "scrums_organization_member.sam": "update",
      "scrums_workspace_member.home_sam": "no-op",
    });
    expect(member.after.role).toBe(role);
    for (const attribute of ["user_id", "status", "invited_at", "expires_at"]) {
      expect({ attribute, unknown: member.after_unknown[attribute] ?? false }).toEqual({ attribute, unknown: false });
    }
    expect(member.after.user_id).toMatch(/^USR-/);
    const membership = (await tf.resources())["scrums_workspace_member.home_sam"]!.values;
    await resetRequests();
    const apply = await tf.terraform(["apply", "-input=false", "role.tfplan"]);
    expect(apply.stdout).toMatch(/Apply complete! Resources: 0 added, 1 changed, 0 destroyed/);
    expect(await membershipWrites()).toBe(0);
    expect((await tf.resources())["scrums_workspace_member.home_sam"]!.values).toEqual(membership);
    expect((await tf.plan()).code).toBe(0);
  }

  beforeAll(async () => {
    tf = workdir();
    declare("admin");
    await tf.apply();
  });

  it("plans one in-place update with every value an update cannot change known, and applies it without touching the membership", async () => {
    declare("billing");
    await expectOneInPlaceUpdate("billing");
  });

  it("repairs drift of the role the same way", async () => {
    await driftRole(String((await tf.resources())["scrums_organization_member.sam"]!.values.id), "owner");
    await expectOneInPlaceUpdate("billing");
  });
});

describe("Pulumi: a member's role change", () => {
  let stack: PulumiStack;
  const declaration: Declaration = {
    resources: {
      org: { type: "Organization", args: { name: "Roles", slug: unique("roles") } },
      ws: { type: "Workspace", args: { organizationId: { $ref: "org", output: "id" }, name: "Home", slug: "home" } },
      sam: {
        type: "OrganizationMember",
        args: { organizationId: { $ref: "org", output: "id" }, email: `${unique("sam")}@example.com`, role: "admin" },
      },
      homeSam: {
        type: "WorkspaceMember",
        args: { workspaceId: { $ref: "ws", output: "id" }, userId: { $ref: "sam", output: "userId" }, role: "member" },
      },
    },
  };
  const declare = (role: string) => {
    declaration.resources.sam!.args.role = role;
    stack.declare(declaration);
  };

  interface Step {
    op: string;
    urn: string;
    diffReasons?: string[];
    replaceReasons?: string[];
    detailedDiff?: Record<string, { kind: string }> | null;
  }

  async function expectOneInPlaceUpdate() {
    const preview = await stack.preview("--json");
    const steps = (JSON.parse(preview.stdout) as { steps: Step[] }).steps.filter((step) => step.op !== "same");
    expect(
      steps.map((step) => ({ op: step.op, name: step.urn.split("::").pop(), detailedDiff: step.detailedDiff })),
    ).toEqual([{ op: "update", name: "sam", detailedDiff: { role: { kind: "update", inputDiff: true } } }]);
    const membership = (await stack.resources()).homeSam!;
    await resetRequests();
    const up = await stack.up();
    expect(up.stdout).toMatch(/~ 1 updated/);
    expect(await membershipWrites()).toBe(0);
    expect((await stack.resources()).homeSam!.outputs).toEqual(membership.outputs);
    await stack.preview("--expect-no-changes");
  }

  beforeAll(async () => {
    stack = await pulumi.stack("roles", { url: ctx.env.emulator.url, token: ctx.env.emulator.token });
    declare("admin");
    await stack.up();
  });

  it("previews one in-place update with a detailed diff and no replacement, and applies it without touching the membership", async () => {
    declare("billing");
    await expectOneInPlaceUpdate();
  });

  it("repairs drift of the role the same way", async () => {
    await driftRole((await stack.resources()).sam!.id, "owner");
    await stack.refresh();
    await expectOneInPlaceUpdate();
  });
});
