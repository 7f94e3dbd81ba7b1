/** Rules on what destroying a stack does to the platform. */
import { z } from "zod";
import { declared, effective } from "../plan";
import { defineRule } from "../rule";
import { describe, exemptOrganizations, isExempt } from "./common";

export const organizationRetainedOnDestroy = defineRule({
  id: "organization-retained-on-destroy",
  title: "Destroying the stack leaves the organization open",
  description:
    "An organization sets `deletionPolicy: retain`, so a destroyed stack (or a resource renamed by mistake) only forgets it " +
    "instead of closing it with everything in it.",
  defaultLevel: "advisory",
  config: z.object({ exemptOrganizations }),
  check(plan, config) {
    return declared(plan, "Organization")
      .filter((org) => effective(org, "deletionPolicy") !== "retain" && !isExempt(org, config.exemptOrganizations))
      .map((org) => ({
        resource: org,
        field: "deletionPolicy",
        message: `organization ${describe(org)} would be closed on destroy: set deletionPolicy to retain`,
      }));
  },
  remediate: () => ({ deletionPolicy: "retain" }),
  example: {
    stops: "an organization without `deletionPolicy: retain`",
    says: "organization acme (acme) would be closed on destroy: set deletionPolicy to retain",
  },
});
