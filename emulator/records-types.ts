/** The emulator's stored shapes. They hold what responses are derived from, secrets included. */
import type { IntegrationType, OrgRole, WorkspaceRole } from "../provider/model/api";

export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
}

export type TokenKind = "user" | "service" | "control";

export interface TokenRecord {
  kind: TokenKind;
  user_id: string | null;
  organization_id: string | null;
  workspace_id: string | null;
  /** A user token minted as if its user had signed in through SSO. */
  sso_session: boolean;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  slug: string;
  status: "active" | "suspended" | "closed";
  plan_id: string;
  owner_id: string;
  billing_email: string | null;
  settings: { enforce_sso: boolean; require_mfa: boolean; default_currency: string };
  address: AddressRecord | null;
  created_at: string;
  updated_at: string;
}

export interface AddressRecord {
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postal_code: string;
  country: string;
  tax_id: string | null;
  tax_id_type: string | null;
}

export interface OrgMemberRecord {
  organization_id: string;
  user_id: string;
  /** The display name as this organization knows the user: an inviting tenant's text stays in that tenant. */
  name: string | null;
  role: OrgRole;
  status: "invited" | "active";
  invited_at: string | null;
  expires_at: string | null;
  joined_at: string | null;
}

export interface WorkspaceRecord {
  id: string;
  organization_id: string;
  name: string;
  slug: string;
  status: "active" | "archived";
  settings: { default_currency: string; require_task_service_line: boolean };
  active_service_lines: number;
  health_score: number;
  cost_mtd: number;
  created_at: string;
  updated_at: string;
}

export interface WorkspaceMemberRecord {
  workspace_id: string;
  user_id: string;
  role: WorkspaceRole;
  joined_at: string;
}

export interface DomainRecord {
  id: string;
  organization_id: string;
  domain: string;
  verified: boolean;
  verified_at: string | null;
  verification_value: string;
  sso_enforcement: "none" | "saml" | "google" | "microsoft";
  jit_provisioning_enabled: boolean;
  scim_enabled: boolean;
  saml: { entity_id: string; acs_url: string; x509_cert: string; x509_cert_sha256: string } | null;
  scim_token_sha256: string | null;
  scim_token_created_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface IntegrationRecord {
  id: string;
  organization_id: string;
  workspace_id: string | null;
  type: IntegrationType;
  config: Record<string, unknown>;
  environment_mapping: Record<string, string>;
  status: "active" | "error" | "disconnected";
  created_at: string;
  updated_at: string;
}

export interface ScimLogRecord {
  id: string;
  timestamp: string;
  event: string;
  detail: string;
}
