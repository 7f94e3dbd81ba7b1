/** Rules on credentials in declarations. */
import { z } from "zod";
import { declared, UNKNOWN } from "../plan";
import { defineRule } from "../rule";
import { describe } from "./common";

export const integrationSecretsAreSecret = defineRule({
  id: "integration-secrets-are-secret",
  title: "Integration secrets are secret values",
  description:
    "Each value under an integration's `secrets` comes from a secret: a Pulumi secret, or a sensitive Terraform value (a " +
    "`sensitive` variable, `sensitive(…)`), never a literal in the configuration. In Pulumi the scrums classes make every value " +
    "of `secrets` a secret whatever the program passes, so there it always holds.",
  defaultLevel: "mandatory",
  config: z.object({}),
  check(plan) {
    return declared(plan, "Integration").flatMap((integration) => {
      const secrets = integration.properties.secrets;
      const isSecret = (key?: string) =>
        integration.secretPaths.some((path) => path === "secrets" || path === `secrets.${key}`);
      const message = (field: string) =>
        `integration ${describe(integration)} takes ${field} from a plain value: pass a secret (a sensitive variable, a Pulumi secret)`;
      // The keys are not known before apply (a write-only value built from variables): judge the whole.
      if (secrets === UNKNOWN)
        return isSecret() ? [] : [{ resource: integration, field: "secrets", message: message("secrets") }];
      if (secrets === null || typeof secrets !== "object") return [];
      return Object.keys(secrets)
        .filter((key) => !isSecret(key))
        .map((key) => ({ resource: integration, field: `secrets.${key}`, message: message(`secrets.${key}`) }));
    });
  },
  example: {
    stops: '`secrets = { webhook_secret = "s3cr3t" }` in HCL, or a variable without `sensitive = true`',
    says: "integration scrums_integration.github takes secrets.webhook_secret from a plain value: pass a secret (…)",
  },
});
