/**
 * Lookups as the Terraform data sources and the native Pulumi provider's functions make them: by id,
 * by the keys that name an object, and the error that names what was looked for.
 */
import { unique } from "../../support/emulator-client";
import { declare, rejectionOf, useEngine } from "../../support/engine-fixtures";

const t = useEngine();

describe("Engine.lookup", () => {
  it("finds an organization by id and by slug, and a workspace by its organization and slug", async () => {
    const slug = unique("lookup");
    const org = await t.engine.create("Organization", declare("Organization", { name: "Lookup", slug }));
    const ws = await t.engine.create(
      "Workspace",
      declare("Workspace", { organizationId: org.id, name: "Home", slug: "home" }),
    );
    expect((await t.engine.lookup("Organization", org.id, {})).state).toMatchObject({ slug });
    expect((await t.engine.lookup("Organization", undefined, { slug })).id).toBe(org.id);
    expect((await t.engine.lookup("Workspace", undefined, { organizationId: org.id, slug: "home" })).id).toBe(ws.id);
  });

  it("names what it looked for when nothing answers", async () => {
    const missing = await rejectionOf(t.engine.lookup("Organization", undefined, { slug: "no-such-org" }));
    expect(missing.message).toBe('no Organization with slug "no-such-org" (closed and archived ones are not found)');
    const byId = await rejectionOf(t.engine.imported("Workspace", "WS-26-999999"));
    expect(byId.message).toBe('no Workspace answers to the import id "WS-26-999999" (the forms are `WS-…`)');
  });
});
