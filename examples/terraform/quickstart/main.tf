# The quickstart in HCL: the same organization as the Pulumi quickstart, with SSO and MFA enforced,
# its SAML domain, two workspaces, members with different roles, and a GitHub integration.

terraform {
  required_version = ">= 1.6"
  required_providers {
    scrums = { source = "scrums/scrums" }
  }
}

# Reads SCRUMS_API_URL and SCRUMS_API_TOKEN unless api_url / api_token are set here.
provider "scrums" {}

variable "slug" {
  type    = string
  default = "apex-digital"
}

variable "domain" {
  type    = string
  default = "apexdigital.example"
}

variable "github_webhook_secret" {
  type      = string
  sensitive = true
  default   = "quickstart-webhook-secret"
}

resource "scrums_organization" "apex" {
  name             = "Apex Digital"
  slug             = var.slug
  enforce_sso      = true
  require_mfa      = true
  default_currency = "USD"
  # A new organization enforces SSO through a domain declared here, once it is verified.
  planned_sso_domains = [var.domain]
}

resource "scrums_domain" "apex" {
  organization_id = scrums_organization.apex.id
  domain          = var.domain
  sso_enforcement = "saml"
  saml = {
    entity_id   = "https://idp.${var.domain}/metadata"
    acs_url     = "https://idp.${var.domain}/sso/acs"
    certificate = file("${path.module}/idp-signing-cert.pem")
  }
  jit_provisioning_enabled     = true
  scim_enabled                 = true
  wait_for_verification        = true
  verification_timeout_seconds = 60
}

resource "scrums_workspace" "platform" {
  organization_id = scrums_organization.apex.id
  name            = "Platform Engineering"
  slug            = "platform"
}

resource "scrums_workspace" "data" {
  organization_id           = scrums_organization.apex.id
  name                      = "Data & Analytics"
  slug                      = "data"
  require_task_service_line = true
}

locals {
  people = { jordan = "admin", sam = "billing", alex = "viewer" }
  workspace_roles = {
    platform_sam = { workspace = "platform", person = "sam", role = "member" }
    data_sam     = { workspace = "data", person = "sam", role = "viewer" }
    data_alex    = { workspace = "data", person = "alex", role = "viewer" }
  }
  workspaces = { platform = scrums_workspace.platform, data = scrums_workspace.data }
}

resource "scrums_organization_member" "people" {
  for_each        = local.people
  organization_id = scrums_organization.apex.id
  email           = "${each.key}@${var.domain}"
  role            = each.value
}

resource "scrums_workspace_member" "roles" {
  for_each          = local.workspace_roles
  workspace_id      = local.workspaces[each.value.workspace].id
  user_id           = scrums_organization_member.people[each.value.person].user_id
  role              = each.value.role
  organization_role = scrums_organization_member.people[each.value.person].role
}

resource "scrums_integration" "platform_github" {
  workspace_id = scrums_workspace.platform.id
  type         = "github"
  config       = { org = var.slug, repositories = ["infrastructure", "platform"] }
  secrets      = { webhook_secret = var.github_webhook_secret }
}

output "organization_id" {
  value = scrums_organization.apex.id
}

output "verification_record" {
  value = "${scrums_domain.apex.verification_record_name} TXT \"${scrums_domain.apex.verification_record_value}\""
}

output "scim_base_url" {
  value = scrums_domain.apex.scim_base_url
}

output "scim_token" {
  value     = scrums_domain.apex.scim_token
  sensitive = true
}
