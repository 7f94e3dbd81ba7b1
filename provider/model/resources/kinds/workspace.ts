import { z } from "zod";
import { Currency, DisplayName, OrganizationId } from "../../api/common";
import { WORKSPACE_STATUSES } from "../../api/workspace";
import { createdAt, defineKind, lifecycleFields, parentField, slugField } from "../kind";

export const Workspace = defineKind({
  name: "Workspace",
  terraformType: "scrums_workspace",
  description:
    "A workspace inside an organization. Destroying it archives it, which the platform refuses while it has active Service Lines.",
  importId: "`WS-…`",
  fields: {
    organizationId: parentField(
      OrganizationId,
      "The organization it belongs to. Cannot change: another organization replaces the workspace.",
      "organization_id",
    ),
    name: { type: DisplayName, role: "required", api: "name", description: "Display name." },
    slug: slugField("URL name, unique within the organization. Cannot change: a new slug replaces the workspace."),
    defaultCurrency: {
      type: Currency,
      role: "optional",
      api: "settings.default_currency",
      description:
        "ISO 4217 code the workspace reports costs in. Kept as is when absent (new workspaces take the organization's).",
    },
    requireTaskServiceLine: {
      type: z.boolean(),
      role: "optional",
      default: false,
      api: "settings.require_task_service_line",
      description: "Every task must name the Service Line it is billed to.",
    },
    status: {
      type: z.enum(WORKSPACE_STATUSES),
      role: "computed",
      changedBy: [],
      api: "status",
      description: "`active` or `archived`.",
    },
    createdAt,
    ...lifecycleFields("archives the workspace", "slug in the organization"),
  },
});
