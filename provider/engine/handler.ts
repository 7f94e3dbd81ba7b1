import { type ApiResponse, type CallInput, callPath, type CallResult } from "../client/client";
import { ApiRequestError } from "../client/errors";
import type { OperationId } from "../model/api";
import { desiredState, type KindSpec, stateFromApi, type Values } from "../model/resources";
import type { EngineContext } from "./context";
import { EngineError } from "./errors";

/** An object as the engine keeps it: its id and its state (declared fields, platform values, hashes). */
export interface Applied {
  id: string;
  state: Values;
  /** The object existed and was taken over (`adoptExisting`): the engine then applies the declaration to it. */
  adopted?: boolean;
}

/** One kind's conversation with the API. The engine wraps every handler with the behaviour all kinds share. */
export interface Handler {
  kind: KindSpec;
  create(ctx: EngineContext, declared: Values): Promise<Applied>;
  /** Null when the object is gone. */
  read(ctx: EngineContext, id: string, state: Values): Promise<Applied | null>;
  update(ctx: EngineContext, id: string, state: Values, declared: Values, changed: string[]): Promise<Values>;
  delete(ctx: EngineContext, id: string, state: Values): Promise<void>;
  /** Resolves a documented import id to the object. */
  import(ctx: EngineContext, importId: string): Promise<Applied | null>;
  /** Looks an object up by what names it besides its id (an organization's slug), for adoption and data sources. */
  find?(ctx: EngineContext, query: Values): Promise<Applied | null>;
  /**
   * The values of the kind's context fields as the platform shows them (see `FieldSpec.context`), for
   * an object being imported: the declaration written for it then plans no change.
   */
  contextOf?(ctx: EngineContext, imported: Applied): Promise<Values>;
  /** What to do about the API's refusals, by API error code. */
  advice?: Partial<Record<string, string>>;
  /** Work the declaration asks for that no field difference shows (an expired invitation to resend). */
  pendingWork?(state: Values, declared: Values): string[];
  /**
   * Of the work `pendingWork` found, what the platform still lacks: asked when planning, so a plan is
   * right without a refresh when another resource's step did that work after this one's.
   */
  confirmPendingWork?(ctx: EngineContext, id: string, pending: string[]): Promise<string[]>;
}

/** The state after the engine wrote `object`: what the platform answered, plus what only the declaration knows. */
export const appliedState = (kind: KindSpec, object: unknown, declared: Values): Values => ({
  ...desiredState(kind.fields, declared),
  ...stateFromApi(kind.fields, object),
});

/** The state after reading `object` again: the platform's values over what the last state knew. */
export const refreshedState = (kind: KindSpec, object: unknown, previous: Values): Values => ({
  ...previous,
  ...stateFromApi(kind.fields, object),
});

export const isApiError = (error: unknown, ...codes: string[]): error is ApiRequestError =>
  error instanceof ApiRequestError && (codes.length === 0 || codes.includes(error.code));

/** The answer of a read, or null when the API says the object is not there. */
export async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (isApiError(error, "not_found") || (error instanceof ApiRequestError && error.status === 404)) return null;
    throw error;
  }
}

/** Deletes, counting an object already gone as deleted. */
export async function deleteIfPresent(remove: Promise<unknown>): Promise<void> {
  await orNull(remove);
}

/**
 * Creates, or on a uniqueness conflict takes over the existing object when the declaration opted in
 * with `adoptExisting`; without it, says how to opt in. `find` looks the existing object up (it
 * writes nothing): a closed or archived one keeps its name but cannot be taken over, and saying
 * "set adoptExisting" then would send the user nowhere.
 */
export async function createOrAdopt(
  declared: Values,
  conflictCode: string,
  create: () => Promise<Applied>,
  find: () => Promise<Applied | null>,
  what: string,
): Promise<Applied> {
  try {
    return await create();
  } catch (error) {
    if (!isApiError(error, conflictCode)) throw error;
    const existing = await find();
    if (!existing) {
      throw new EngineError(
        `${what} already exists and cannot be taken over (it is closed or archived, or out of this token's reach): ` +
          `declare another one (API code ${conflictCode}).`,
        conflictCode,
      );
    }
    if (declared.adoptExisting !== true) {
      throw new EngineError(
        `${what} already exists (API code ${conflictCode}). Set adoptExisting: true to manage the existing one.`,
        conflictCode,
      );
    }
    return { ...existing, adopted: true };
  }
}

const RETIRED_STATUSES = new Set(["closed", "archived"]);

/**
 * POSTs a create under the Idempotency-Key of its declaration (see CreateKeys). A run that died
 * between the platform's commit and its own record of the object (a killed process, a lost response,
 * a restarted API) sends the same key when it runs again, so within the platform's replay window it
 * gets that object back instead of a conflict or a second one. A replayed object that has since been
 * removed, closed or archived is not brought back: the create is sent again under a new key.
 */
export async function createOnce<Op extends OperationId>(
  ctx: EngineContext,
  operationId: Op,
  input: CallInput<Op>,
  readBack: (created: CallResult<Op>) => Promise<ApiResponse<CallResult<Op>>>,
): Promise<ApiResponse<CallResult<Op>>> {
  const idempotencyKey = ctx.createKeys.next(callPath(operationId, input), input.body, ctx.declaration);
  const created = await ctx.client.call(operationId, { ...input, idempotencyKey });
  if (!created.replayed) return created;
  const current = await orNull(readBack(created.data));
  const status = (current?.data as { status?: string } | undefined)?.status;
  if (current && !(status && RETIRED_STATUSES.has(status))) return current;
  return ctx.client.call(operationId, input);
}

/** Splits `ORG-…/rest` into its two parts, or explains the expected form. */
export function splitImportId(importId: string, form: string): [string, string] {
  const slash = importId.indexOf("/");
  if (slash <= 0 || slash === importId.length - 1)
    throw new EngineError(`import id "${importId}" must have the form ${form}`);
  return [importId.slice(0, slash), importId.slice(slash + 1)];
}
