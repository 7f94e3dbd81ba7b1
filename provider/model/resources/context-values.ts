/**
 * What the platform says a kind's context fields (`FieldSpec.context`) hold, from the states of the
 * objects they come from. Import fills them in with it, and `discover` writes them, so that a
 * declaration written for an existing object plans no change.
 */
import type { Values } from "./derive";

/** An organization's `plannedSsoDomains`: the names of its Domains configured with SSO, sorted. Undefined when none is. */
export function plannedSsoDomainsOf(domains: readonly Values[]): string[] | undefined {
  const names = domains
    .filter((domain) => (domain.ssoEnforcement ?? "none") !== "none")
    .map((domain) => String(domain.domain))
    .sort();
  return names.length ? names : undefined;
}

/** A workspace member's `organizationRole`: the role of the OrganizationMember with its `userId`. */
export const organizationRoleOf = (members: readonly Values[], userId: unknown): string | undefined =>
  members.find((member) => member.userId === userId)?.role as string | undefined;
