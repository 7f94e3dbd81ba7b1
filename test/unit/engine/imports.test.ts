/**
 * Imports by every documented id form: a fresh engine (a new run that knows only the id) resolves
 * the object, and the state it returns agrees with the matching declaration, apart from write-only
 * fields the API cannot return.
 */
import { EngineError } from "../../../provider/engine";
import type { KindName, Values } from "../../../provider/model/resources";
import { unique } from "../../support/emulator-client";
import { TEST_CERT } from "../../support/emulator-fixtures";
import { changesOf, declare, rejectionOf, setAutoVerify, useEngine } from "../../support/engine-fixtures";

const t = useEngine();

const SAML = {
  entityId: "https://idp.example.com/metadata",
  acsUrl: "https://idp.example.com/acs",
  certificate: TEST_CERT,
};

interface Made {
  orgId: string;
  wsId: string;
  org: Values;
  ws: Values;
  member: { id: string; userId: string; declared: Values };
  wsMember: { id: string; declared: Values };
  domain: { id: string; name: string; declared: Values };
  gitlab: { id: string; declared: Values };
  marketplace: { id: string; declared: Values };
}
let made: Made;

beforeAll(async () => {
  await setAutoVerify(t.emu, true);
  const e = t.engine;
  const org = declare("Organization", {
    name: "Imported Org",
    slug: unique("imported"),
    billingEmail: "billing@imported.example.com",
    requireMfa: true,
    defaultCurrency: "EUR",
    address: { line1: "1 Long Street", city: "Cape Town", postalCode: "8001", country: "ZA" },
  });
  const orgId = (await e.create("Organization", org)).id;
  const ws = declare("Workspace", {
    organizationId: orgId,
    name: "Imported WS",
    slug: unique("imported-ws"),
    requireTaskServiceLine: true,
  });
  const wsId = (await e.create("Workspace", ws)).id;
  const memberDeclared = declare("OrganizationMember", {
    organizationId: orgId,
    email: `${unique("imported")}@example.com`,
    role: "billing",
  });
  const member = await e.create("OrganizationMember", memberDeclared);
  const userId = String(member.state.userId);
  const wsMemberDeclared = declare("WorkspaceMember", { workspaceId: wsId, userId, role: "member" });
  const wsMember = await e.create("WorkspaceMember", wsMemberDeclared);
  const name = `${unique("imported")}.example.com`;
  const domainDeclared = declare("Domain", {
    organizationId: orgId,
    domain: name,
    ssoEnforcement: "saml",
    saml: SAML,
    jitProvisioningEnabled: true,
    scimEnabled: true,
  });
  const domain = await e.create("Domain", domainDeclared);
  const gitlabDeclared = declare("Integration", {
    workspaceId: wsId,
    type: "gitlab",
    config: { group: "apex", base_url: "https://gitlab.example.com" },
    secrets: { access_token: "glpat-imported" },
  });
  const gitlab = await e.create("Integration", gitlabDeclared);
  const marketplaceDeclared = declare("Integration", {
    organizationId: orgId,
    type: "aws_marketplace",
    config: { customer_identifier: "cust-1", product_code: "prod-1" },
  });
  const marketplace = await e.create("Integration", marketplaceDeclared);
  made = {
    orgId,
    wsId,
    org,
    ws,
    member: { id: member.id, userId, declared: memberDeclared },
    wsMember: { id: wsMember.id, declared: wsMemberDeclared },
    domain: { id: domain.id, name, declared: domainDeclared },
    gitlab: { id: gitlab.id, declared: gitlabDeclared },
    marketplace: { id: marketplace.id, declared: marketplaceDeclared },
  };
});

/** Imports with an engine that has seen nothing, and checks the id and the diff against the declaration. */
async function expectImport(kind: KindName, importId: string, id: string, declared: Values, writeOnly: string[] = []) {
  const imported = await t.newEngine().import(kind, importId);
  expect(imported?.id).toBe(id);
  expect(changesOf(kind, imported!.state, declared)).toEqual(writeOnly);
  return imported!;
}

test("Organization by ORG-…", async () => {
  const imported = await expectImport("Organization", made.orgId, made.orgId, made.org);
  expect(imported.state).toMatchObject({
    slug: made.org.slug,
    status: "active",
    deletionPolicy: "delete",
    adoptExisting: false,
  });
});

test("Workspace by WS-…", async () => {
  await expectImport("Workspace", made.wsId, made.wsId, made.ws);
});

test("OrganizationMember by ORG-…/<email>, in any case, and by ORG-…/USR-…", async () => {
  const byEmail = await expectImport(
    "OrganizationMember",
    `${made.orgId}/${String(made.member.declared.email).toUpperCase()}`,
    made.member.id,
    made.member.declared,
  );
  const byUser = await expectImport(
    "OrganizationMember",
    `${made.orgId}/${made.member.userId}`,
    made.member.id,
    made.member.declared,
  );
  expect(byEmail.state).toEqual(byUser.state);
  expect(byUser.state).toMatchObject({
    organizationId: made.orgId,
    userId: made.member.userId,
    status: "invited",
    invitationExpired: false,
  });
});

test("WorkspaceMember by WS-…/USR-…", async () => {
  const imported = await expectImport("WorkspaceMember", made.wsMember.id, made.wsMember.id, made.wsMember.declared);
  expect(imported.state.workspaceId).toBe(made.wsId);
});

test("Domain by ORG-…/DOM-… and by ORG-…/<domain name>, the SAML certificate compared by the API's hash", async () => {
  const byId = await expectImport("Domain", `${made.orgId}/${made.domain.id}`, made.domain.id, made.domain.declared);
  const byName = await expectImport(
    "Domain",
    `${made.orgId}/${made.domain.name}`,
    made.domain.id,
    made.domain.declared,
  );
  expect(byName.state).toEqual(byId.state);
  expect(byId.state).toMatchObject({ verified: true, scimEnabled: true, scimToken: null });
  const otherCert = declare("Domain", {
    ...made.domain.declared,
    saml: { ...SAML, certificate: TEST_CERT.replace("MIIBsz", "MIIBsy") },
  });
  expect(changesOf("Domain", byId.state, otherCert)).toEqual(["saml"]);
});

test("Integration by INT-…: only the write-only secrets differ, and an update converges them", async () => {
  const engine = t.newEngine();
  const imported = await expectImport("Integration", made.gitlab.id, made.gitlab.id, made.gitlab.declared, ["secrets"]);
  expect(JSON.stringify(imported.state)).not.toContain("********");
  const state = await engine.update("Integration", imported.id, imported.state, made.gitlab.declared);
  expect(changesOf("Integration", state, made.gitlab.declared)).toEqual([]);
  await expectImport("Integration", made.marketplace.id, made.marketplace.id, made.marketplace.declared);
});

test("an id of nothing imports as null", async () => {
  const engine = t.newEngine();
  expect(await engine.import("Organization", "ORG-26-999999")).toBeNull();
  expect(await engine.import("Workspace", "WS-26-999999")).toBeNull();
  expect(await engine.import("OrganizationMember", `${made.orgId}/nobody@example.com`)).toBeNull();
  expect(await engine.import("OrganizationMember", `${made.orgId}/USR-26-999999`)).toBeNull();
  expect(await engine.import("WorkspaceMember", `${made.wsId}/USR-26-999999`)).toBeNull();
  expect(await engine.import("Domain", `${made.orgId}/DOM-26-999999`)).toBeNull();
  expect(await engine.import("Domain", `${made.orgId}/nowhere.example.com`)).toBeNull();
  expect(await engine.import("Integration", "INT-26-999999")).toBeNull();
});

test("an id of the wrong form says which form is expected", async () => {
  const error = await rejectionOf(t.newEngine().import("OrganizationMember", made.orgId));
  expect(error).toBeInstanceOf(EngineError);
  expect(error.message).toContain("ORG-…/<email> or ORG-…/USR-…");
  expect((await rejectionOf(t.newEngine().import("Domain", `${made.orgId}/`))).message).toContain(
    "ORG-…/DOM-… or ORG-…/<domain name>",
  );
});
