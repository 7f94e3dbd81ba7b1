/** Every rule, in the order reports list them. */
import type { Rule } from "../rule";
import { organizationRetainedOnDestroy } from "./lifecycle";
import { organizationKeepsOwner, privilegedMembersOnOrganizationDomains } from "./members";
import { integrationSecretsAreSecret } from "./secrets";
import { domainSsoEnforced, samlComplete, scimWithJit, ssoAndMfaEnforced, ssoLockoutGuard } from "./sso";

export const RULES: readonly Rule<object>[] = [
  ssoAndMfaEnforced,
  ssoLockoutGuard,
  domainSsoEnforced,
  samlComplete,
  scimWithJit,
  privilegedMembersOnOrganizationDomains,
  organizationKeepsOwner,
  integrationSecretsAreSecret,
  organizationRetainedOnDestroy,
];
