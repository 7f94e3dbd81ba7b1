import type { Handler } from "../call";
import { domainHandlers } from "./domains";
import { integrationHandlers } from "./integrations";
import { memberHandlers } from "./members";
import { organizationHandlers } from "./organizations";
import { workspaceHandlers } from "./workspaces";

/** Every route's handler, by operation id. */
export const HANDLERS: Record<string, Handler> = {
  ...organizationHandlers,
  ...memberHandlers,
  ...workspaceHandlers,
  ...domainHandlers,
  ...integrationHandlers,
};
