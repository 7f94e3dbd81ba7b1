/**
 * `scrums-iac/policy`: SSO and MFA rules written once, as pure functions over a planned run, with
 * adapters for Pulumi policy packs, CDKTF (an aspect) and Terraform plans (`scrums-iac policy check`).
 */
export * from "./plan";
export * from "./rule";
export * from "./config";
export * from "./evaluate";
export { RULES } from "./rules";
