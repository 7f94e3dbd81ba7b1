/**
 * What the engine's tests share: an emulator per test file (real HTTP), an Engine talking to it
 * with short retry delays, the log lines and warnings it produced, and declarations checked the way
 * a front end checks them before calling the engine.
 */
import { checkDeclaration, diffDeclaration, Engine, type EngineOptions } from "../../provider/engine";
import type { KindName, Values } from "../../provider/model/resources";
import type { EmulatorOptions } from "../../emulator";
import { must, useEmulator, type EmulatorContext } from "./emulator-fixtures";

export interface EngineTestContext {
  readonly emu: EmulatorContext;
  readonly engine: Engine;
  /** Every line the engine's client logged, across the file. */
  readonly log: string[];
  /** Every warning the engine gave, across the file. */
  readonly warnings: string[];
  /** Another engine on the same emulator (a fresh run of a front end); closed with the file. */
  newEngine(options?: Partial<EngineOptions>): Engine;
}

export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, budgetMs: 5_000 };

/** Starts an emulator and an Engine for the calling test file; call at the top of the file. */
export function useEngine(options: EmulatorOptions = {}): EngineTestContext {
  const emu = useEmulator(options);
  const log: string[] = [];
  const warnings: string[] = [];
  const engines: Engine[] = [];
  let engine: Engine | undefined;
  const newEngine = (extra: Partial<EngineOptions> = {}) => {
    const created = new Engine({
      apiUrl: emu.env.emulator.url,
      token: emu.env.emulator.token,
      retry: FAST_RETRY,
      log: (line) => log.push(line),
      warn: (line) => warnings.push(line),
      ...extra,
    });
    engines.push(created);
    return created;
  };
  beforeAll(() => {
    engine = newEngine();
  });
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
  });
  return {
    emu,
    log,
    warnings,
    newEngine,
    get engine() {
      if (!engine) throw new Error("useEngine: the engine is read before its beforeAll hook has run");
      return engine;
    },
  };
}

/** A declaration as a front end passes it on: checked (it must pass) and normalised. */
export function declare(kind: KindName, raw: Values, creating = true): Values {
  const result = checkDeclaration(kind, raw, { creating });
  if (result.issues.length) throw new Error(`${kind} declaration refused: ${JSON.stringify(result.issues)}`);
  return result.declared;
}

/** What an update would change; `[]` when state and declaration agree. */
export const changesOf = (kind: KindName, state: Values, declared: Values) =>
  diffDeclaration(kind, state, declared).changed;

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error("expected the call to fail, and it succeeded");
}

/** Sets whether the emulator verifies every domain without its TXT record. */
export async function setAutoVerify(emu: EmulatorContext, on: boolean): Promise<void> {
  must(await emu.client.control("PUT", "/settings", { auto_verify_domains: on }), 200, "set auto_verify_domains");
}
