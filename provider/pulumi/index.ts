/**
 * `scrums-iac/pulumi`: the organization layer as Pulumi resources. Configure with `scrums:apiUrl` and
 * `scrums:apiToken` (secret), or `SCRUMS_API_URL` and `SCRUMS_API_TOKEN`.
 */
export { Domain, Integration, Organization, OrganizationMember, Workspace, WorkspaceMember } from "./resources";
export type { ArgsOf, OutputsOf } from "./types";
