/** The model's names in each front end's words. */
import { fieldName, inTerraformWords, terraformWords } from "../../../provider/model/naming";

describe("names per front end", () => {
  it("gives a dotted field its Terraform attribute path, member by member", () => {
    expect(fieldName("saml.entityId", "terraform")).toBe("saml.entity_id");
    expect(fieldName("secrets.webhook_secret", "terraform")).toBe("secrets.webhook_secret");
    expect(fieldName("saml.entityId", "pulumi")).toBe("saml.entityId");
  });

  it("rewrites the model's field names in a message, bare or quoted, and kind names in quotes", () => {
    expect(inTerraformWords("organization acme must set requireMfa to true")).toBe(
      "organization acme must set require_mfa to true",
    );
    expect(inTerraformWords("with ssoEnforcement saml, or leave enforceSso false")).toBe(
      "with sso_enforcement saml, or leave enforce_sso false",
    );
    expect(terraformWords("an `OrganizationMember`'s `userId`")).toBe("an `scrums_organization_member`'s `user_id`");
  });

  it("leaves words that name no field alone", () => {
    expect(inTerraformWords("the camelCase of someWord")).toBe("the camelCase of someWord");
  });
});
