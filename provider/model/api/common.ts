/**
 * Building blocks shared by every API object: ids, scalar formats, envelopes, errors, pagination.
 * These schemas are the wire contract; the client validates responses with them and the emulator
 * validates requests with them, and the OpenAPI document is generated from them.
 */
import { z } from "zod";
import { COUNTRY_CODES, CURRENCY_CODES } from "./iso-codes";

/** Id prefixes of each object kind: `ORG-26-090500` is an organization made in 2026. */
export const ID_PREFIX = {
  organization: "ORG",
  workspace: "WS",
  user: "USR",
  domain: "DOM",
  integration: "INT",
  invitation: "INV",
} as const;
export type IdKind = keyof typeof ID_PREFIX;

export const idPattern = (kind: IdKind) => new RegExp(`^${ID_PREFIX[kind]}-\\d{2}-\\d{6}$`);

export const idOf = (kind: IdKind) =>
  z
    .string()
    .regex(idPattern(kind), { error: `must be a ${ID_PREFIX[kind]}-YY-NNNNNN id` })
    .meta({ examples: [`${ID_PREFIX[kind]}-26-000001`] });

export const OrganizationId = idOf("organization");
export const WorkspaceId = idOf("workspace");
export const UserId = idOf("user");
export const DomainId = idOf("domain");
export const IntegrationId = idOf("integration");

export const Timestamp = z.iso.datetime({ error: "must be an RFC 3339 UTC timestamp" });

export const Slug = z
  .string()
  .min(2, { error: "must be 2 to 63 characters" })
  .max(63, { error: "must be 2 to 63 characters" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: "must be lowercase letters, digits and single hyphens, not starting or ending with a hyphen",
  });

export const DisplayName = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .max(200, { error: "must be at most 200 characters" });

/**
 * zod's email shape with DNS's rules for the domain: labels of 1 to 63 characters that neither start
 * nor end with a hyphen, so the pattern accepts only what `format: email` accepts.
 */
const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export const Email = z.email({ pattern: EMAIL_PATTERN, error: "must be an email address" }).max(254);

export const DomainName = z
  .string()
  .max(253, { error: "must be at most 253 characters" })
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: "must be a lowercase domain name such as example.com",
  });

export const Currency = z
  .enum(CURRENCY_CODES as [string, ...string[]], { error: "must be an ISO 4217 currency code such as USD, EUR or GBP" })
  .meta({ id: "Currency" });

export const Country = z
  .enum(COUNTRY_CODES as [string, ...string[]], {
    error: "must be an ISO 3166-1 alpha-2 country code such as US, GB or DE",
  })
  .meta({ id: "Country" });

export const HttpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" });

/** `{"data": {...}}` */
export const single = <T extends z.ZodType>(item: T) => z.object({ data: item });

export const ListMeta = z.object({
  cursor: z.string().nullable().describe("Pass as `cursor` to get the next page; null on the last page."),
  has_more: z.boolean(),
});

/** `{"data": [...], "meta": {"cursor": ..., "has_more": ...}}` */
export const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), meta: ListMeta });

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

/**
 * An integer query parameter, read only from plain decimal digits: `010`, `+7`, `1e1`, `0x10` and
 * ` 5` stay strings and are refused, where `Number()` would take them.
 */
const queryInteger = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^(?:0|[1-9][0-9]{0,15})$/.test(value) ? Number(value) : value),
    schema,
  );

const pageLimitError = { error: `must be a whole number from 1 to ${PAGE_LIMIT_MAX}` };

export const PageQuery = z.strictObject({
  cursor: z.string().min(1).optional().describe("Opaque cursor from the previous page's `meta.cursor`."),
  limit: queryInteger(z.int(pageLimitError).min(1, pageLimitError).max(PAGE_LIMIT_MAX, pageLimitError)).default(
    PAGE_LIMIT_DEFAULT,
  ),
});

/** The longest `Idempotency-Key` a POST may carry. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

export const ErrorDetail = z.object({
  field: z.string().describe("The offending field as a dotted path, such as `settings.default_currency`."),
  issue: z.string(),
});

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe("Stable machine-readable code, such as `slug_taken` or `last_owner`."),
      message: z.string(),
      details: z.array(ErrorDetail).optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Every rule-specific error code the API answers with, and its HTTP status. */
export const ERROR_CODES = {
  not_found: 404,
  organization_not_found: 422,
  workspace_not_found: 422,
  immutable_field: 422,
  sso_not_configured: 422,
  not_an_org_member: 422,
  role_exceeds_org_role: 422,
  domain_not_verified: 422,
  saml_incomplete: 422,
  verification_pending: 422,
  not_a_deployment_integration: 422,
  slug_taken: 409,
  email_taken: 409,
  domain_taken: 409,
  last_owner: 409,
  already_joined: 409,
  already_a_member: 409,
  active_workspaces: 409,
  active_service_lines: 409,
  organization_closed: 409,
  workspace_archived: 409,
  sso_enforced: 409,
  scim_disabled: 409,
  precondition_failed: 412,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** The value write-only secrets are replaced with in every response. */
export const SECRET_MASK = "********";
