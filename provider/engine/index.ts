/**
 * The resource engine: one handler per kind behind one interface that no IaC tool shapes. Front
 * ends translate their protocol into these calls; everything kinds share happens here: declared
 * secrets registered for redaction, API refusals told in declaration terms, `deletionPolicy`,
 * adoption, and updates that send only what the API needs.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type ClientOptions, ScrumsClient } from "../client/client";
import {
  check,
  type CheckOptions,
  type CheckResult,
  diff,
  type Diff,
  type Fields,
  KINDS,
  type KindName,
  saltedHashes,
  type Values,
  workForApi,
} from "../model/resources";
import { CollectionCache } from "./collections";
import type { EngineContext } from "./context";
import { CreateKeys } from "./create-keys";
import { DeferredSsoEnforcement } from "./sso-enforcement";
import { EngineError, explain, PartialCreateError } from "./errors";
import type { Role as RoleObject } from "../model/api";
import type { Applied, Handler } from "./handler";
import { domainHandler } from "./domain";
import { integrationHandler } from "./integration";
import { organizationHandler } from "./organization";
import { organizationMemberHandler } from "./organization-member";
import { workspaceHandler } from "./workspace";
import { workspaceMemberHandler } from "./workspace-member";

export { EngineError, PartialCreateError } from "./errors";
export type { Applied } from "./handler";
export type Role = ReturnType<typeof RoleObject.parse>;

const HANDLERS: Record<KindName, Handler> = {
  Organization: organizationHandler,
  Workspace: workspaceHandler,
  OrganizationMember: organizationMemberHandler,
  WorkspaceMember: workspaceMemberHandler,
  Domain: domainHandler,
  Integration: integrationHandler,
};

export interface EngineOptions extends ClientOptions {
  /** Advice for the person running the apply. */
  warn?: (message: string) => void;
}

/** Every plaintext secret of a declaration, at any depth. */
function secretValues(fields: Fields, declared: Values): string[] {
  return Object.entries(fields).flatMap(([name, spec]) => {
    const value = declared[name];
    if (value === undefined || value === null) return [];
    if (spec.fields) return secretValues(spec.fields, value as Values);
    if (!spec.secret) return [];
    return typeof value === "object" ? Object.values(value as Values).map(String) : [String(value)];
  });
}

/** Validates a declaration; needs no API. */
export const checkDeclaration = (kind: KindName, raw: Values, options: CheckOptions): CheckResult =>
  check(KINDS[kind], raw, options);

/** What an update would change, including work no field shows (an expired invitation to resend); needs no API. */
export function diffDeclaration(
  kind: KindName,
  state: Values,
  declared: Values,
  isUnknown?: (value: unknown) => boolean,
): Diff {
  return withWork(diff(KINDS[kind], state, declared, isUnknown), HANDLERS[kind].pendingWork?.(state, declared) ?? []);
}

/**
 * What applying `declared` would change, for a plan: `diffDeclaration`, with the work state says is
 * pending confirmed with the platform, so a plan without a refresh is right. `engine` is asked for
 * only when there is such work to confirm.
 */
export async function planDeclaration(
  kind: KindName,
  id: string,
  state: Values,
  declared: Values,
  engine: () => Engine,
  isUnknown?: (value: unknown) => boolean,
): Promise<Diff> {
  const work = HANDLERS[kind].pendingWork?.(state, declared) ?? [];
  const confirmable = work.length > 0 && HANDLERS[kind].confirmPendingWork !== undefined;
  return withWork(
    diff(KINDS[kind], state, declared, isUnknown),
    confirmable ? await engine().confirmPendingWork(kind, id, work) : work,
  );
}

const withWork = (fields: Diff, work: string[]): Diff => ({
  changed: [...new Set([...fields.changed, ...work])],
  replaces: fields.replaces,
});

export class Engine {
  private readonly ctx: EngineContext;

  constructor(options: EngineOptions) {
    const client = new ScrumsClient(options);
    this.ctx = {
      client,
      collections: new CollectionCache(client),
      warn: options.warn ?? (() => {}),
      pendingSso: new DeferredSsoEnforcement(),
      createKeys: new CreateKeys(),
      sleep: (ms) => sleep(ms),
    };
  }

  /** `declaration` names the declaration being created, when the front end knows it (see CreateKeys). */
  async create(kind: KindName, declared: Values, declaration?: string): Promise<Applied> {
    const handler = this.prepare(kind, declared);
    return this.explained(kind, async () => {
      const created = await handler.create({ ...this.ctx, declaration }, declared);
      if (!created.adopted) return created;
      const changed = diffDeclaration(kind, created.state, declared).changed;
      return {
        id: created.id,
        state: changed.length ? await this.apply(kind, created.id, created.state, declared, changed) : created.state,
      };
    });
  }

  /** Of the work state says is pending (see `Handler.pendingWork`), what the platform still lacks. */
  async confirmPendingWork(kind: KindName, id: string, work: string[]): Promise<string[]> {
    const confirm = HANDLERS[kind].confirmPendingWork;
    return confirm ? this.explained(kind, () => confirm(this.ctx, id, work)) : work;
  }

  async read(kind: KindName, id: string, state: Values): Promise<Applied | null> {
    return this.explained(kind, () => HANDLERS[kind].read(this.ctx, id, state));
  }

  async update(kind: KindName, id: string, state: Values, declared: Values): Promise<Values> {
    this.prepare(kind, declared);
    const changed = diffDeclaration(kind, state, declared).changed;
    return this.explained(kind, () => this.apply(kind, id, state, declared, changed));
  }

  async delete(kind: KindName, id: string, state: Values): Promise<void> {
    if (state.deletionPolicy === "retain") {
      this.ctx.warn(`${kind} ${id} is retained on the platform (deletionPolicy: retain) and no longer managed`);
      return;
    }
    await this.explained(kind, () => HANDLERS[kind].delete(this.ctx, id, state));
  }

  async import(kind: KindName, importId: string): Promise<Applied | null> {
    return this.explained(kind, () => HANDLERS[kind].import(this.ctx, importId));
  }

  /** The object an import id names (any of the kind's documented forms); an error naming those forms when none does. */
  async imported(kind: KindName, importId: string): Promise<Applied> {
    const found = await this.import(kind, importId);
    if (!found)
      throw new EngineError(
        `no ${kind} answers to the import id "${importId}" (the forms are ${KINDS[kind].importId})`,
      );
    return found;
  }

  /**
   * The object a lookup names: by `id` (any import id form) when given, else by `keys` (see each
   * handler's `find`); an error naming what was looked for when there is none.
   */
  async lookup(kind: KindName, id: string | undefined, keys: Values): Promise<Applied> {
    const found = id !== undefined ? await this.import(kind, id) : await this.find(kind, keys);
    if (found) return found;
    const named =
      id !== undefined
        ? `id ${id}`
        : Object.entries(keys)
            .map(([key, value]) => `${key} "${String(value)}"`)
            .join(" and ");
    throw new EngineError(`no ${kind} with ${named} (closed and archived ones are not found)`);
  }

  /** An object named by something other than its id (see each handler's `find`); null when there is none. */
  async find(kind: KindName, query: Values): Promise<Applied | null> {
    const find = HANDLERS[kind].find;
    if (!find) throw new EngineError(`${kind} can only be looked up by id`);
    return this.explained(kind, () => find(this.ctx, query));
  }

  /** The organization's role catalogue. */
  async roles(organizationId: string): Promise<Role[]> {
    // The catalogue is one short, unpaged list.
    return this.explained(
      "Organization",
      async () => (await this.ctx.client.call("listRoles", { params: { org_id: organizationId } })).data,
    );
  }

  /** Scrubs every secret this engine has seen from `text`. */
  redact(text: string): string {
    return this.ctx.client.redactor.redact(text);
  }

  async close(): Promise<void> {
    await this.ctx.client.close();
  }

  private prepare(kind: KindName, declared: Values): Handler {
    this.ctx.client.redactor.add(...secretValues(KINDS[kind].fields, declared));
    return HANDLERS[kind];
  }

  /** Sends only what the API needs: fields that only steer the engine change state alone. */
  private async apply(kind: KindName, id: string, state: Values, declared: Values, changed: string[]): Promise<Values> {
    const fields: Fields = KINDS[kind].fields;
    const forApi = workForApi(fields, changed);
    if (forApi.length === 0) return { ...state, ...this.localState(kind, declared) };
    const updated = await HANDLERS[kind].update(this.ctx, id, state, declared, forApi);
    // A secret that did not change keeps its hash, so that state, and a plan that promised it, stay as they were.
    return { ...updated, ...saltedHashes(fields, declared, state), ...this.localState(kind, declared) };
  }

  private localState(kind: KindName, declared: Values): Values {
    const fields: Fields = KINDS[kind].fields;
    return Object.fromEntries(
      Object.entries(fields)
        .filter(([, spec]) => !spec.api && spec.role === "optional" && !spec.context && !spec.writeOnly)
        .map(([name, spec]) => [name, declared[name] ?? spec.default]),
    );
  }

  private async explained<T>(kind: KindName, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const tell = (cause: unknown) => {
        const explained = explain(cause, kind, KINDS[kind].fields, HANDLERS[kind].advice);
        if (explained instanceof Error) explained.message = this.redact(explained.message);
        return explained;
      };
      throw error instanceof PartialCreateError
        ? new PartialCreateError(error.id, error.state, tell(error.reason))
        : tell(error);
    }
  }
}
