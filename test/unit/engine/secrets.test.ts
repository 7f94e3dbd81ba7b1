/**
 * Declared secrets (integration secrets, SAML certificates) are registered with the client's redactor
 * as soon as the engine sees them, so no error message or log line carries them, even when the
 * API's answer would.
 */
import { ApiUnavailableError } from "../../../provider/client/errors";
import { EngineError, PartialCreateError } from "../../../provider/engine";
import type { Values } from "../../../provider/model/resources";
import { unique } from "../../support/emulator-client";
import { must, TEST_CERT } from "../../support/emulator-fixtures";
import { declare, rejectionOf, setAutoVerify, useEngine } from "../../support/engine-fixtures";

const t = useEngine();
const CERT_BODY = TEST_CERT.split("\n")[1]!;
const SAML = {
  entityId: "https://idp.example.com/metadata",
  acsUrl: "https://idp.example.com/acs",
  certificate: TEST_CERT,
};

/** An engine that gives up on a failing platform within a fraction of a second. */
const impatient = () => t.newEngine({ retry: { baseDelayMs: 5, maxDelayMs: 20, budgetMs: 200 } });
const addFault = async (rule: Values) => must(await t.emu.client.control("POST", "/faults", rule), 201, "add a fault");
afterEach(async () => {
  expect((await t.emu.client.control("DELETE", "/faults")).status).toBe(204);
});

/** Nothing the engine said, in logs or in `errors`, shows any of `secrets`. */
function expectNowhere(secrets: string[], errors: Error[]) {
  for (const secret of secrets) {
    for (const error of errors) expect(`${error.message}\n${String(error.stack)}`).not.toContain(secret);
    expect(t.log.filter((line) => line.includes(secret))).toEqual([]);
  }
}

describe("integration secrets", () => {
  test("are redacted from an API refusal that would quote them", async () => {
    // A secret that happens to be a domain name, and an API error that quotes that name.
    const secret = `${unique("leak")}.example.com`;
    const orgId = (await t.emu.fx.org()).id as string;
    const wsId = (await t.emu.fx.workspace(orgId)).id as string;
    const integration = await t.engine.create(
      "Integration",
      declare("Integration", {
        workspaceId: wsId,
        type: "gitlab",
        config: { group: "apex" },
        secrets: { access_token: secret },
      }),
    );
    expect(JSON.stringify(integration.state)).not.toContain(secret);
    await t.emu.fx.verifiedDomain((await t.emu.fx.org()).id, secret);

    await setAutoVerify(t.emu, true);
    const error = await rejectionOf(
      t.engine.create("Domain", declare("Domain", { organizationId: orgId, domain: secret, ssoEnforcement: "google" })),
    );
    expect(error).toBeInstanceOf(PartialCreateError);
    expect(((error as PartialCreateError).reason as EngineError).code).toBe("domain_taken");
    expect(error.message).toContain("[redacted] is already verified by another organization");
    expectNowhere([secret], [error, (error as PartialCreateError).reason as Error]);
  });

  test("are redacted from the engine's own messages", async () => {
    const secret = unique("token-slug");
    const orgId = (await t.emu.fx.org()).id as string;
    await t.emu.fx.workspace(orgId, { slug: secret });
    const wsId = (await t.emu.fx.workspace(orgId)).id as string;
    await t.engine.create(
      "Integration",
      declare("Integration", {
        workspaceId: wsId,
        type: "github",
        config: { org: "apex" },
        secrets: { webhook_secret: secret },
      }),
    );
    const error = await rejectionOf(
      t.engine.create("Workspace", declare("Workspace", { organizationId: orgId, name: "Clash", slug: secret })),
    );
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toContain("adoptExisting");
    expect(error.message).toContain("[redacted]");
    expectNowhere([secret], [error]);
  });

  test("never appear when an update fails", async () => {
    const orgId = (await t.emu.fx.org()).id as string;
    const declared = declare("Integration", {
      organizationId: orgId,
      type: "slack",
      config: { team_id: "T0123ABCD", channel: "#deploys" },
      secrets: { bot_token: "xoxb-first-secret" },
    });
    const created = await t.engine.create("Integration", declared);
    await addFault({ kind: "error", status: 500, route: "PATCH /v1/integrations/:integration_id" });
    const next = declare("Integration", { ...declared, secrets: { bot_token: "xoxb-second-secret" } });
    const error = await rejectionOf(impatient().update("Integration", created.id, created.state, next));
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect(error.message).toMatch(
      /^PATCH \/v1\/integrations\/INT-[\d-]+ failed: 500, still failing after \d+ attempts/,
    );
    expectNowhere(["xoxb-first-secret", "xoxb-second-secret"], [error]);
  });
});

describe("SAML certificates", () => {
  test("never appear in a partial create, a refusal or a log line", async () => {
    await setAutoVerify(t.emu, false);
    const orgId = (await t.emu.fx.org()).id as string;
    const declared = declare("Domain", {
      organizationId: orgId,
      domain: `${unique("cert")}.example.com`,
      ssoEnforcement: "saml",
      saml: SAML,
    });
    const partial = await rejectionOf(t.engine.create("Domain", declared));
    expect(partial).toBeInstanceOf(PartialCreateError);
    expect(JSON.stringify((partial as PartialCreateError).state)).not.toContain(CERT_BODY);

    await setAutoVerify(t.emu, true);
    await addFault({ kind: "error", status: 500, route: "PATCH /v1/orgs/:org_id/domains/:domain_id" });
    const refused = await rejectionOf(
      impatient().update("Domain", (partial as PartialCreateError).id, (partial as PartialCreateError).state, declared),
    );
    expect(refused).toBeInstanceOf(ApiUnavailableError);
    expect(refused.message).toMatch(/^PATCH \/v1\/orgs\/ORG-[\d-]+\/domains\/DOM-[\d-]+ failed: 500/);
    expectNowhere([TEST_CERT, CERT_BODY], [partial, refused]);
    expect(t.engine.redact(`cert: ${TEST_CERT}`)).toBe("cert: [redacted]");
  });
});
