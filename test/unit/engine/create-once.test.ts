/**
 * Creates keyed by their declaration: a run that died after the platform committed a create (its
 * process killed before it could record the object) sends the same create when it runs again and
 * gets that object back, for every kind, instead of a conflict or, for integrations, a second one.
 * An object removed since is not brought back. Two identical declarations are two creates, with two keys.
 */
import type { KindName, Values } from "../../../provider/model/resources";
import { unique } from "../../support/emulator-client";
import { declare, useEngine } from "../../support/engine-fixtures";

const t = useEngine();

const orgOf = async () => (await t.emu.fx.org()).id as string;

const CASES: Array<{ kind: KindName; declaration: () => Promise<Values> }> = [
  { kind: "Organization", declaration: async () => ({ name: "Again", slug: unique("again") }) },
  { kind: "Workspace", declaration: async () => ({ organizationId: await orgOf(), name: "Again", slug: "again" }) },
  {
    kind: "OrganizationMember",
    declaration: async () => ({
      organizationId: await orgOf(),
      email: `${unique("again")}@example.com`,
      role: "viewer",
    }),
  },
  {
    kind: "WorkspaceMember",
    declaration: async () => {
      const orgId = await orgOf();
      const ws = await t.emu.fx.workspace(orgId);
      const member = await t
        .newEngine()
        .create(
          "OrganizationMember",
          declare("OrganizationMember", { organizationId: orgId, email: `${unique("ws")}@example.com`, role: "admin" }),
        );
      return { workspaceId: ws.id, userId: member.state.userId, role: "member" };
    },
  },
  {
    kind: "Domain",
    declaration: async () => ({ organizationId: await orgOf(), domain: `${unique("again")}.example.com` }),
  },
  {
    kind: "Integration",
    declaration: async () => ({
      organizationId: await orgOf(),
      type: "slack",
      config: { team_id: "T0AGAIN", channel: "#again" },
      secrets: { bot_token: "xoxb-again" },
    }),
  },
];

describe.each(CASES)("$kind", ({ kind, declaration }) => {
  test("created again by a later run that never recorded it: the same object, no conflict, no second one", async () => {
    const declared = declare(kind, await declaration());
    const first = await t.newEngine().create(kind, declared);
    const again = await t.newEngine().create(kind, declared);
    expect(again.id).toBe(first.id);
    expect(again.adopted).toBeUndefined();
  });

  test("created again after it was deleted: made anew, not the deleted one replayed", async () => {
    const declared = declare(kind, await declaration());
    const first = await t.newEngine().create(kind, declared);
    await t.newEngine().delete(kind, first.id, first.state);
    const result = await t
      .newEngine()
      .create(kind, declared)
      .then(
        (created) => ({ created }),
        (error: Error) => ({ error }),
      );
    if ("created" in result) {
      // A member keeps its user id, so what tells them apart is that this one is there.
      expect(await t.newEngine().read(kind, result.created.id, result.created.state)).not.toBeNull();
    } else {
      // Organizations and workspaces keep their slug when closed or archived: the platform refuses the name, it is not revived.
      expect(["Organization", "Workspace"]).toContain(kind);
      expect(result.error.message).toMatch(/slug/);
    }
  });
});

describe("two identical declarations", () => {
  const integration = async () =>
    declare("Integration", await CASES.find((c) => c.kind === "Integration")!.declaration());

  test("in one run, without declaration identities (Terraform): two objects, and a run again gets each back", async () => {
    const declared = await integration();
    const run = t.newEngine();
    const [first, second] = [await run.create("Integration", declared), await run.create("Integration", declared)];
    expect(second.id).not.toBe(first.id);
    const again = t.newEngine();
    expect([
      (await again.create("Integration", declared)).id,
      (await again.create("Integration", declared)).id,
    ]).toEqual([first.id, second.id]);
  });

  test("with declaration identities (Pulumi URNs): one object per identity, in any run", async () => {
    const declared = await integration();
    const first = await t.newEngine().create("Integration", declared, "urn:first");
    const second = await t.newEngine().create("Integration", declared, "urn:second");
    expect(second.id).not.toBe(first.id);
    expect((await t.newEngine().create("Integration", declared, "urn:first")).id).toBe(first.id);
  });

  test("of an organization: the second is the API's slug conflict, naming adoptExisting", async () => {
    const declared = declare("Organization", { name: "Twin", slug: unique("twin") });
    const run = t.newEngine();
    await run.create("Organization", declared);
    const error = await run.create("Organization", declared).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toMatch(/already exists \(API code slug_taken\)\. Set adoptExisting: true/);
  });
});
