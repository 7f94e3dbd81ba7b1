/** The diff the Pulumi runtime answers: what changes and how, what stays, and what deletes before replacing. */
import { provider } from "../../../provider/pulumi/runtime";

const memberState = {
  organizationId: "ORG-26-000001",
  email: "ann@example.com",
  role: "admin",
  resendExpiredInvitation: false,
  userId: "USR-26-000002",
  name: null,
  status: "invited",
  invitedAt: "2026-11-22T00:00:00Z",
  expiresAt: "2026-11-29T00:00:00Z",
  joinedAt: null,
  invitationExpired: false,
  deletionPolicy: "delete",
  adoptExisting: false,
};
const declared = { organizationId: "ORG-26-000001", email: "ann@example.com", role: "billing" };

describe("the Pulumi runtime's diff", () => {
  it("names a role change as an input update that leaves every output as it is", async () => {
    const answer = await provider("OrganizationMember").diff("ORG-26-000001/USR-26-000002", memberState, declared);
    expect(answer).toMatchObject({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      detailedDiff: { role: { kind: "update", replace: false, inputDiff: true } },
    });
    expect(answer.stables.sort()).toEqual([
      "expiresAt",
      "invitationExpired",
      "invitedAt",
      "joinedAt",
      "name",
      "status",
      "userId",
    ]);
  });

  it("names the outputs a resent invitation changes, and keeps the rest stable", async () => {
    const expired = { ...memberState, role: "billing", invitationExpired: true };
    const answer = await provider("OrganizationMember").diff("ORG-26-000001/USR-26-000002", expired, {
      ...declared,
      resendExpiredInvitation: true,
    });
    expect(Object.keys(answer.detailedDiff).sort()).toEqual([
      "expiresAt",
      "invitationExpired",
      "invitedAt",
      "resendExpiredInvitation",
    ]);
    expect(answer.detailedDiff.invitedAt).toEqual({ kind: "update", replace: false, inputDiff: false });
    expect(answer.stables.sort()).toEqual(["joinedAt", "name", "status", "userId"]);
  });

  it("deletes a domain before replacing it, as the model says", async () => {
    const state = {
      organizationId: "ORG-26-000001",
      domain: "a.example.com",
      ssoEnforcement: "none",
      saml: null,
      verified: true,
    };
    const answer = await provider("Domain").diff("DOM-26-000001", state, {
      organizationId: "ORG-26-000001",
      domain: "b.example.com",
    });
    expect(answer).toMatchObject({
      changes: true,
      replaces: ["domain"],
      deleteBeforeReplace: true,
      detailedDiff: { domain: { kind: "update", replace: true } },
    });
  });
});
