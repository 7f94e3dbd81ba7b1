/**
 * The OpenAPI 3.1 document of the platform API, generated from the route table and the zod schemas
 * so that it cannot disagree with what the client sends and the emulator enforces.
 */
import { z } from "zod";
import { ERROR_CODES, ErrorBody, IDEMPOTENCY_KEY_MAX_LENGTH } from "./common";
import { ROUTES, type Route } from "./routes";

type JsonSchema = Record<string, unknown>;

const ERROR_STATUSES: Record<string, string> = {
  "400": "Malformed JSON, a body that is not UTF-8, or a URL that cannot be decoded.",
  "401": "No token, or an invalid one.",
  "403": "The token's user may not do this, or the organization requires SSO.",
  "404": "Absent, or outside the token's scope.",
  "409": "Conflicts with the current state: a uniqueness or state rule.",
  "412": "`If-Match` does not match the current ETag.",
  "413": "The body is too large.",
  "415": "The body is not `application/json` in UTF-8.",
  "422":
    "Valid JSON that breaks a rule, an unknown query parameter, a body where none is taken, or an `Idempotency-Key` " +
    "that is too long or was used for another request: every offending field is named in `details`.",
  "429": "Rate limited: retry after `Retry-After` seconds.",
};

/** Turns a schema into JSON Schema, moving named subschemas into `components`. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
    const { $schema: _ignored, $defs, ...rest } = json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.components[id] = relink(def);
    }
    const id = z.globalRegistry.get(schema)?.id;
    if (id && !rest.$ref) {
      this.components[id] = relink(rest);
      return { $ref: `#/components/schemas/${id}` };
    }
    return relink(rest);
  }
}

const relink = (schema: JsonSchema): JsonSchema =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;

function parameters(route: Route, collector: SchemaCollector) {
  const from = (where: "path" | "query", shape: z.ZodObject | undefined) =>
    Object.entries(shape?.shape ?? {}).map(([name, schema]) => {
      const json = collector.convert(schema as z.ZodType, "input");
      return {
        name,
        in: where,
        required: where === "path" || !(schema as z.ZodType).safeParse(undefined).success,
        ...(typeof json.description === "string" ? { description: json.description } : {}),
        schema: json,
      };
    });
  return [...from("path", route.params), ...from("query", route.query)];
}

/**
 * A create's links to every operation under the object it made (`POST /v1/orgs` to
 * `/v1/orgs/{org_id}/...`): the new id from the response (the field named like the parameter, else
 * `id`), the other path parameters from the create's own path; operations needing any other id are
 * left out. Fuzzers follow them from one call to the next.
 */
function linksFromCreate(route: Route): Record<string, unknown> | undefined {
  if (route.method !== "POST" || route.status !== 201) return undefined;
  const routes: readonly Route[] = ROUTES;
  const child = routes
    .find((r) => r.path.startsWith(`${route.path}/:`))
    ?.path.slice(route.path.length + 2)
    .split("/")[0];
  if (!child) return undefined;
  const data = (route.response as z.ZodObject).shape.data as z.ZodObject;
  const field = child in data.shape ? child : "id";
  const known = new Set([child, ...Object.keys(route.params?.shape ?? {})]);
  const under = routes.filter(
    (r) =>
      r.path.startsWith(`${route.path}/:${child}`) &&
      Object.keys(r.params?.shape ?? {}).every((name) => known.has(name)),
  );
  return Object.fromEntries(
    under.map((target) => [
      target.operationId,
      {
        operationId: target.operationId,
        parameters: Object.fromEntries(
          Object.keys(target.params?.shape ?? {}).map((name) => [
            name,
            name === child ? `$response.body#/data/${field}` : `$request.path.${name}`,
          ]),
        ),
      },
    ]),
  );
}

function operation(route: Route, collector: SchemaCollector) {
  // Any route may meet an undecodable URL or an unknown query parameter; any but GET may be sent a body.
  const errorStatuses = [
    "400",
    "401",
    "403",
    "404",
    "422",
    "429",
    ...(route.method === "GET" ? [] : ["413", "415"]),
    ...route.errors.map((code) => String(ERROR_CODES[code])),
  ];
  const links = linksFromCreate(route);
  const responses: Record<string, unknown> = {
    [String(route.status)]: route.response
      ? {
          description: "Success.",
          content: { "application/json": { schema: collector.convert(route.response, "output") } },
          ...(links ? { links } : {}),
        }
      : { description: "Done; no body." },
  };
  const errorRef = collector.convert(ErrorBody, "output");
  for (const status of [...new Set(errorStatuses)].sort()) {
    responses[status] = { description: ERROR_STATUSES[status], content: { "application/json": { schema: errorRef } } };
  }
  const example = route.body ? (z.globalRegistry.get(route.body)?.examples as unknown[] | undefined)?.[0] : undefined;
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.errors.length ? { description: `Error codes: ${route.errors.map((c) => `\`${c}\``).join(", ")}.` } : {}),
    parameters: [
      ...parameters(route, collector),
      ...(route.method === "POST"
        ? [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", maxLength: IDEMPOTENCY_KEY_MAX_LENGTH },
              description: "A replay within 24 h returns the first response and creates nothing.",
            },
          ]
        : []),
      ...(route.method === "PATCH"
        ? [
            {
              name: "If-Match",
              in: "header",
              required: false,
              schema: { type: "string" },
              description: "Apply only if the object's ETag still matches.",
            },
          ]
        : []),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: collector.convert(route.body, "input"), ...(example ? { example } : {}) },
            },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument() {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, collector);
  }
  const schemas = Object.fromEntries(Object.entries(collector.components).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: "3.1.0",
    info: {
      title: "Scrums platform API",
      version: "1.0.0",
      description:
        "Organizations, workspaces, members and invitations, verified domains with SSO, SAML, SCIM and JIT provisioning, " +
        "and integrations. Generated from the zod schemas of scrums-iac; served by `scrums-iac emulator`.",
    },
    servers: [{ url: "https://api.scrums.com" }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
      schemas,
    },
  };
}
