import { z } from "zod";
import { OrganizationId, WorkspaceId } from "../../api/common";
import {
  EnvironmentMapping,
  ENVIRONMENT_MAPPED_TYPES,
  INTEGRATION_STATUSES,
  INTEGRATION_TYPES,
  type IntegrationType,
  IntegrationTypeName,
} from "../../api/integration";
import type { Issue } from "../kind";
import { createdAt, defineKind, lifecycleFields } from "../kind";

/** The secret keys of an integration type: declared under `secrets`, never under `config`. */
export const secretKeysOf = (type: IntegrationType): readonly string[] => INTEGRATION_TYPES[type].secrets;

/**
 * Checks `config` and `secrets` together against the type's schema, naming each offending key where it was declared.
 * With `keepsSecrets` (an existing integration declared without `secrets`) a missing secret is the platform's to keep.
 */
function configIssues(
  type: IntegrationType,
  config: Record<string, unknown>,
  secrets: Record<string, unknown>,
  { isUnknown, keepsSecrets }: { isUnknown: (value: unknown) => boolean; keepsSecrets: boolean },
): Issue[] {
  const secretKeys = secretKeysOf(type);
  const issues: Issue[] = [];
  for (const key of Object.keys(config)) {
    if (secretKeys.includes(key))
      issues.push({ field: `config.${key}`, reason: `is a secret of ${type}: declare it under secrets` });
  }
  for (const key of Object.keys(secrets)) {
    if (!secretKeys.includes(key)) {
      const allowed = secretKeys.length ? secretKeys.join(", ") : "none";
      issues.push({ field: `secrets.${key}`, reason: `is not a secret of ${type}: allowed are ${allowed}` });
    }
  }
  const result = INTEGRATION_TYPES[type].config.safeParse({ ...config, ...secrets });
  for (const issue of result.error?.issues ?? []) {
    const [key, ...rest] = issue.path.map(String);
    if (key !== undefined && isUnknown(config[key] ?? secrets[key])) continue;
    const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
    if (unknownKeys.length) {
      const known = Object.keys(INTEGRATION_TYPES[type].config.shape).filter((k) => !secretKeys.includes(k));
      // A key declared under secrets that is no secret of the type was named above, where it was declared.
      for (const unknown of unknownKeys.filter((k) => !(k in secrets))) {
        issues.push({
          field: `config.${unknown}`,
          reason: `is not a setting of ${type}: allowed are ${known.join(", ")}`,
        });
      }
      continue;
    }
    const where = key !== undefined && secretKeys.includes(key) ? "secrets" : "config";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    if (missing && where === "secrets" && keepsSecrets) continue;
    issues.push({
      field: [where, key, ...rest].filter(Boolean).join("."),
      reason: missing ? `is required for ${type}` : issue.message,
    });
  }
  return issues;
}

export const Integration = defineKind({
  name: "Integration",
  terraformType: "scrums_integration",
  description:
    "A connection to an outside tool (GitHub, GitLab, Jira, Slack, Vercel, AWS Marketplace), owned by a workspace or, with " +
    "`organizationId`, by the whole organization. Its secrets are write-only: state keeps their hash.",
  importId: "`INT-…`",
  fields: {
    organizationId: {
      type: OrganizationId,
      role: "optional",
      api: "organization_id",
      immutable: true,
      description:
        "Owner of an organization-level integration. Give this or `workspaceId`. Cannot change: a new owner replaces it.",
    },
    workspaceId: {
      type: WorkspaceId,
      role: "optional",
      api: "workspace_id",
      immutable: true,
      description:
        "Owner of a workspace-level integration. Give this or `organizationId`. Cannot change: a new owner replaces it.",
    },
    type: {
      type: IntegrationTypeName,
      role: "required",
      api: "type",
      immutable: true,
      description:
        "`github`, `gitlab`, `jira`, `slack`, `vercel` or `aws_marketplace`. Cannot change: a new type replaces it.",
    },
    config: {
      type: z.record(z.string(), z.unknown()),
      role: "required",
      api: "config",
      description:
        "The type's settings, with the API's key names (such as `org` and `repositories` for github), secrets excluded.",
    },
    secrets: {
      type: z.record(z.string(), z.string().min(1, { error: "must not be empty" })),
      role: "optional",
      api: "config",
      secret: true,
      writeOnly: {},
      description:
        "The type's secret settings (such as `webhook_secret` for github, `access_token` for gitlab). Write-only: state keeps their " +
        "hash. Needed to create an integration whose type requires them; left out on an existing one, the platform keeps its secrets.",
    },
    environmentMapping: {
      type: EnvironmentMapping,
      role: "optional",
      default: {},
      api: "environment_mapping",
      sentIn: "ownOperation",
      description: "Deployment integrations (vercel): which of its environments each platform environment deploys to.",
    },
    status: {
      type: z.enum(INTEGRATION_STATUSES),
      role: "computed",
      api: "status",
      description: "`active`, `error` or `disconnected`.",
    },
    createdAt,
    ...lifecycleFields("disconnects and deletes the integration", "type and owner"),
  },
  rules: (declared, { creating, isUnknown }) => {
    const issues: Issue[] = [];
    if ((declared.organizationId === undefined) === (declared.workspaceId === undefined)) {
      issues.push({ field: "workspaceId", reason: "give exactly one of workspaceId and organizationId" });
    }
    const type = declared.type as IntegrationType | undefined;
    const { config = {}, secrets = {} } = declared;
    if (!type || isUnknown(type) || isUnknown(config) || isUnknown(secrets)) return issues;
    const keepsSecrets = !creating && declared.secrets === undefined;
    issues.push(
      ...configIssues(type, config as Record<string, unknown>, secrets as Record<string, unknown>, {
        isUnknown,
        keepsSecrets,
      }),
    );
    const mapping = declared.environmentMapping as Record<string, string> | undefined;
    if (mapping && Object.keys(mapping).length > 0 && !ENVIRONMENT_MAPPED_TYPES.includes(type)) {
      issues.push({
        field: "environmentMapping",
        reason: `applies only to ${ENVIRONMENT_MAPPED_TYPES.join(", ")} integrations`,
      });
    }
    return issues;
  },
});
