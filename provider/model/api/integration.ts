import { z } from "zod";
import { Email, HttpsUrl, IntegrationId, OrganizationId, Timestamp, WorkspaceId } from "./common";

const secret = (description: string) =>
  z.string().min(1, { error: "must not be empty" }).describe(`${description} Write-only.`);

/**
 * Each integration type's configuration, and which of its keys are write-only secrets: responses
 * carry `********` in their place.
 */
export const INTEGRATION_TYPES = {
  github: {
    config: z.strictObject({
      org: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: "must be a GitHub organization login" }),
      installation_id: z.int().positive().optional().describe("The GitHub App installation id."),
      repositories: z.array(z.string().min(1)).optional().describe("Limit to these repositories; all when absent."),
      webhook_secret: secret("Secret GitHub signs webhook deliveries with.").optional(),
    }),
    secrets: ["webhook_secret"],
  },
  gitlab: {
    config: z.strictObject({
      group: z.string().min(1),
      base_url: HttpsUrl.optional().describe("Self-managed GitLab; gitlab.com when absent."),
      access_token: secret("A group access token."),
    }),
    secrets: ["access_token"],
  },
  jira: {
    config: z.strictObject({
      site_url: HttpsUrl,
      email: Email.describe("The account the API token belongs to."),
      api_token: secret("A Jira API token."),
      project_keys: z.array(z.string().regex(/^[A-Z][A-Z0-9]+$/, { error: "must be a Jira project key" })).optional(),
    }),
    secrets: ["api_token"],
  },
  slack: {
    config: z.strictObject({
      team_id: z.string().regex(/^T[A-Z0-9]+$/, { error: "must be a Slack team id such as T0123ABCD" }),
      channel: z.string().regex(/^#[a-z0-9_-]+$/, { error: "must be a channel name such as #deployments" }),
      bot_token: secret("A Slack bot token (xoxb-…)."),
    }),
    secrets: ["bot_token"],
  },
  vercel: {
    config: z.strictObject({
      team_id: z.string().min(1),
      access_token: secret("A Vercel access token."),
    }),
    secrets: ["access_token"],
  },
  aws_marketplace: {
    config: z.strictObject({
      customer_identifier: z.string().min(1),
      product_code: z.string().min(1),
    }),
    secrets: [],
  },
} as const satisfies Record<string, { config: z.ZodObject; secrets: readonly string[] }>;

export type IntegrationType = keyof typeof INTEGRATION_TYPES;
export const INTEGRATION_TYPE_NAMES = Object.keys(INTEGRATION_TYPES) as [IntegrationType, ...IntegrationType[]];
export const IntegrationTypeName = z.enum(INTEGRATION_TYPE_NAMES, {
  error: `must be one of ${INTEGRATION_TYPE_NAMES.join(", ")}`,
});

/** Types whose deployments map platform environments onto their own. */
export const ENVIRONMENT_MAPPED_TYPES: readonly IntegrationType[] = ["vercel"];
export const PLATFORM_ENVIRONMENTS = ["production", "staging", "preview", "development"] as const;

export const EnvironmentMapping = z.partialRecord(
  z.enum(PLATFORM_ENVIRONMENTS, { error: `must be one of ${PLATFORM_ENVIRONMENTS.join(", ")}` }),
  z.string().min(1).max(100),
);

export const INTEGRATION_STATUSES = ["active", "error", "disconnected"] as const;

export const Integration = z
  .object({
    id: IntegrationId,
    organization_id: OrganizationId,
    workspace_id: WorkspaceId.nullable().describe("Null for an organization-level integration."),
    type: IntegrationTypeName,
    config: z.record(z.string(), z.unknown()).describe("The type's configuration; secret keys read `********`."),
    environment_mapping: EnvironmentMapping,
    status: z.enum(INTEGRATION_STATUSES),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({
    id: "Integration",
    examples: [
      {
        id: "INT-26-000007",
        organization_id: "ORG-26-090500",
        workspace_id: "WS-26-000091",
        type: "github",
        config: { org: "apex-digital" },
        environment_mapping: {},
        status: "active",
        created_at: "2026-04-01T09:00:00Z",
        updated_at: "2026-04-01T09:00:00Z",
      },
    ],
  });
export type Integration = z.infer<typeof Integration>;

/**
 * A configuration as sent. zod's records drop a `__proto__` key without a word; here it is refused as
 * the unknown key it is, as every type's schema refuses any other.
 */
const ConfigObject = z.preprocess(
  (value, ctx) => {
    if (typeof value === "object" && value !== null && Object.prototype.hasOwnProperty.call(value, "__proto__")) {
      ctx.addIssue({ code: "unrecognized_keys", keys: ["__proto__"], input: value as Record<string, unknown> });
    }
    return value;
  },
  z.record(z.string(), z.unknown()),
);

/** Validates `config` against the schema of `type`, reporting issues under `config.<key>`. */
const configMatchesType = (value: { type?: IntegrationType; config?: unknown }, ctx: z.RefinementCtx) => {
  if (!value.type || value.config === undefined) return;
  const result = INTEGRATION_TYPES[value.type].config.safeParse(value.config);
  for (const issue of result.error?.issues ?? []) {
    ctx.addIssue({ ...issue, path: ["config", ...issue.path] } as z.core.$ZodRawIssue);
  }
};

export const CreateIntegration = z
  .strictObject({
    workspace_id: WorkspaceId.optional().describe("Owner for a workspace-level integration."),
    organization_id: OrganizationId.optional().describe("Owner for an organization-level integration."),
    type: IntegrationTypeName,
    config: ConfigObject,
  })
  .superRefine((value, ctx) => {
    if ((value.workspace_id === undefined) === (value.organization_id === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["workspace_id"],
        message: "give exactly one of workspace_id and organization_id",
      });
    }
    configMatchesType(value, ctx);
  })
  .meta({
    id: "CreateIntegration",
    examples: [{ workspace_id: "WS-26-000091", type: "github", config: { org: "apex-digital" } }],
  });

export const UpdateIntegration = z
  .strictObject({
    type: IntegrationTypeName.optional().describe("Immutable: accepted only when unchanged."),
    workspace_id: WorkspaceId.nullable().optional().describe("Immutable: accepted only when unchanged."),
    organization_id: OrganizationId.optional().describe("Immutable: accepted only when unchanged."),
    config: ConfigObject.optional().describe("The whole configuration. Secret keys left out keep their stored value."),
  })
  .meta({ id: "UpdateIntegration", examples: [{ config: { org: "apex-digital", repositories: ["platform"] } }] });

export const UpdateEnvironmentMapping = z.strictObject({ environment_mapping: EnvironmentMapping }).meta({
  id: "UpdateEnvironmentMapping",
  examples: [{ environment_mapping: { production: "production", preview: "preview" } }],
});
