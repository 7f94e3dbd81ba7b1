/** The registry: each resource kind declared once. Validation, diffs, schemas and docs derive from it. */
import { Domain } from "./kinds/domain";
import { Integration } from "./kinds/integration";
import { Organization } from "./kinds/organization";
import { OrganizationMember } from "./kinds/organization-member";
import { Workspace } from "./kinds/workspace";
import { WorkspaceMember } from "./kinds/workspace-member";

export const KINDS = { Organization, Workspace, OrganizationMember, WorkspaceMember, Domain, Integration } as const;
export type KindName = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as KindName[];

export { Domain, Integration, Organization, OrganizationMember, Workspace, WorkspaceMember };
export { secretKeysOf } from "./kinds/integration";
export * from "./field";
export * from "./kind";
export * from "./derive";
export * from "./planned";
