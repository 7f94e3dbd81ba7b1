/** Pieces the rules share: exemptions, and how they name what they talk about. */
import { z } from "zod";
import { belongsTo, declared, isKnown, type Plan, type PlannedResource } from "../plan";

export const exemptOrganizations = z
  .array(z.string())
  .default([])
  .describe("Slugs of organizations this rule does not apply to.");

/** How a message names a resource: its slug, email or domain when known, and the tool's name for it. */
export function describe(resource: PlannedResource): string {
  const { slug, email, domain } = resource.properties;
  const label = [slug, email, domain].find((value) => typeof value === "string");
  return label === undefined ? resource.name : `${label} (${resource.name})`;
}

/** The organization a resource belongs to through its `organizationId`, when it is in the run. */
export const organizationOf = (plan: Plan, resource: PlannedResource) =>
  plan.resources.find((org) => org.kind === "Organization" && belongsTo(resource, "organizationId", org));

export const isExempt = (org: PlannedResource | undefined, exempt: string[]) =>
  org !== undefined && isKnown(org.properties.slug) && exempt.includes(org.properties.slug as string);

/** Declared resources of `kind` in `org`, through their `organizationId`. */
export const inOrganization = (plan: Plan, kind: "Domain" | "OrganizationMember", org: PlannedResource) =>
  declared(plan, kind).filter((resource) => belongsTo(resource, "organizationId", org));
