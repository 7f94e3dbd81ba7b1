import { ApiRequestError } from "../client/errors";
import type { Fields, Values } from "../model/resources";

/** The object was created but not finished: the front end must keep `id` and `state` so nothing is forgotten. */
export class PartialCreateError extends Error {
  constructor(
    readonly id: string,
    readonly state: Values,
    readonly reason: unknown,
  ) {
    super(
      `${id} was created but not finished, and is kept in state so the next apply finishes it: ${String((reason as Error)?.message ?? reason)}`,
    );
    this.name = "PartialCreateError";
  }
}

/** A refusal of the API, told in the declaration's terms: the resource, the field as declared, and the API's code. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "EngineError";
  }
}

/** Maps an API field path (`settings.enforce_sso`) back to the declared field (`enforceSso`). */
export function declaredFieldOf(fields: Fields, apiPath: string, prefix = ""): string | undefined {
  for (const [name, spec] of Object.entries(fields)) {
    if (!spec.api) continue;
    if (spec.api === apiPath) return prefix + name;
    if (spec.fields && apiPath.startsWith(`${spec.api}.`)) {
      return declaredFieldOf(spec.fields, apiPath.slice(spec.api.length + 1), `${prefix}${name}.`) ?? prefix + name;
    }
  }
  return undefined;
}

/** Rewrites an API refusal so it names the resource and the declared fields; other errors pass through. */
export function explain(
  error: unknown,
  kindName: string,
  fields: Fields,
  advice?: Partial<Record<string, string>>,
): unknown {
  if (!(error instanceof ApiRequestError)) return error;
  const named = error.details.map((d) => `${declaredFieldOf(fields, d.field) ?? d.field} (${d.field}): ${d.issue}`);
  const hint = advice?.[error.code];
  const parts = [`${kindName}: the API refused ${error.method} ${error.path} with ${error.status} ${error.code}`];
  parts.push(named.length ? named.join("; ") : error.apiMessage);
  if (hint) parts.push(hint);
  return new EngineError(parts.join(". "), error.code);
}
