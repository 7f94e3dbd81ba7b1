/**
 * What every front end and the engine derive from a kind's declaration: validation of declared
 * values, the state a declaration converges to, the mapping to and from API objects, and diffs.
 */
import { createHash } from "node:crypto";
import type { Fields, FieldSpec } from "./field";
import { hashKey, hasSaltedHash, isDeclarable, isManaged } from "./field";
import { hashSecret, matchesSecretHash } from "./secret-hash";
import type { Issue, KindSpec } from "./kind";

export type Values = Record<string, unknown>;

export interface CheckOptions {
  /** The object does not exist yet. */
  creating: boolean;
  /** Values a front end cannot know before apply (an id not yet assigned): not validated, not compared. */
  isUnknown?: (value: unknown) => boolean;
}

export interface CheckResult {
  /** The declaration, normalised (emails lowercased, values trimmed); unknown values kept as they came. */
  declared: Values;
  issues: Issue[];
}

const never = () => false;

/** Validates a declaration field by field, then across fields; every issue names its field. */
export function check(kind: KindSpec, raw: Values, options: CheckOptions): CheckResult {
  const isUnknown = options.isUnknown ?? never;
  const { values, issues } = checkFields(kind.fields, raw, "", isUnknown);
  if (issues.length === 0 && kind.rules) issues.push(...kind.rules(values, { creating: options.creating, isUnknown }));
  return { declared: values, issues };
}

function checkFields(fields: Fields, raw: Values, prefix: string, isUnknown: (v: unknown) => boolean) {
  const values: Values = {};
  const issues: Issue[] = [];
  const declarable = Object.entries(fields).filter(([, spec]) => isDeclarable(spec));
  const names = declarable.map(([name]) => name);
  for (const key of Object.keys(raw)) {
    if (!names.includes(key) && raw[key] !== undefined) {
      issues.push({ field: prefix + key, reason: `is not a field: allowed are ${names.join(", ")}` });
    }
  }
  for (const [name, spec] of declarable) {
    const value = raw[name];
    if (isUnknown(value)) {
      values[name] = value;
    } else if (value === undefined || value === null) {
      if (spec.role === "required") issues.push({ field: prefix + name, reason: "is required" });
    } else if (spec.fields && typeof value === "object" && !Array.isArray(value)) {
      const nested = checkFields(spec.fields, value as Values, `${prefix}${name}.`, isUnknown);
      values[name] = nested.values;
      issues.push(...nested.issues);
    } else {
      const parsed = spec.type.safeParse(value);
      if (parsed.success) values[name] = parsed.data;
      else for (const issue of parsed.error.issues) issues.push({ field: [prefix + name, ...issue.path.map(String)].join("."), reason: issue.message });
    }
  }
  return { values, issues };
}

/** `Organization "apex": enforceSso: …; slug: …` — one line naming the resource and every field. */
export const formatIssues = (kind: KindSpec, name: string, issues: Issue[]) =>
  `${kind.name} "${name}": ${issues.map((issue) => `${issue.field} ${issue.reason}`).join("; ")}`;

const textOf = (value: unknown) => (typeof value === "string" ? value : canonicalJson(value));

export const sha256 = (value: unknown) => createHash("sha256").update(textOf(value)).digest("hex");

export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Values)[key])]));
  }
  return value;
};

const effective = (spec: FieldSpec, declared: Values, name: string) => declared[name] ?? spec.default;

/** Whether `hash`, as state keeps it for the write-only field `spec`, is the hash of `value`. */
export const matchesWriteOnlyHash = (spec: FieldSpec, value: unknown, hash: unknown) =>
  hasSaltedHash(spec) ? matchesSecretHash(textOf(value), hash) : sha256(value) === hash;

/** The hash state keeps of a write-only value: `previous` when it is the hash of this value, so state only changes with it. */
function writeOnlyHash(spec: FieldSpec, value: unknown, previous: unknown): string {
  if (matchesWriteOnlyHash(spec, value, previous)) return previous as string;
  return hasSaltedHash(spec) ? hashSecret(textOf(value)) : sha256(value);
}

/**
 * The state a declaration converges to, for its managed fields: defaults filled in, write-only values
 * replaced by their hash (the one in `previous` when it still fits). Optional fields without a
 * default, left undeclared, are not in it.
 */
export function desiredState(fields: Fields, declared: Values, nested = false, previous: Values = {}): Values {
  const state: Values = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (!isManaged(spec)) continue;
    let value = effective(spec, declared, name);
    if (value === undefined) {
      if (!nested) continue;
      value = null;
    }
    const key = spec.writeOnly ? hashKey(name, spec) : name;
    if (spec.writeOnly) state[key] = value === null ? null : writeOnlyHash(spec, value, previous[key]);
    else if (spec.fields && value !== null) state[name] = desiredState(spec.fields, value as Values, true, (previous[name] ?? {}) as Values);
    else state[name] = value;
  }
  return state;
}

/** The salted hashes of a declaration's write-only values, those in `previous` kept where they still fit. */
export const saltedHashes = (fields: Fields, declared: Values, previous: Values): Values =>
  desiredState(Object.fromEntries(Object.entries(fields).filter(([, spec]) => hasSaltedHash(spec))), declared, false, previous);

const isObject = (value: unknown): value is Values => typeof value === "object" && value !== null && !Array.isArray(value);

const getPath = (object: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Values)[key] : undefined), object);

const setPath = (object: Values, path: string, value: unknown) => {
  const keys = path.split(".");
  let at = object;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Values;
  const last = keys[keys.length - 1]!;
  const existing = at[last];
  // Two fields may share an API object (an integration's config and its secrets): their members merge.
  at[last] = isObject(existing) && isObject(value) ? { ...existing, ...value } : value;
};

/** The state an API object shows, for every field the API returns (write-only ones by their hash, where it has one). */
export function stateFromApi(fields: Fields, object: unknown): Values {
  const state: Values = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (!spec.api) continue;
    if (spec.writeOnly) {
      if (spec.writeOnly.hashFromApi) state[hashKey(name, spec)] = getPath(object, spec.writeOnly.hashFromApi) ?? null;
      continue;
    }
    const value = getPath(object, spec.api);
    state[name] = spec.fields && value !== null && value !== undefined ? stateFromApi(spec.fields, value) : (value ?? null);
  }
  return state;
}

/** An API request body carrying the named managed fields' declared values (plaintext for write-only ones). */
export function apiBody(fields: Fields, declared: Values, names: readonly string[] = Object.keys(fields)): Values {
  const body: Values = {};
  for (const name of names) {
    const spec = fields[name];
    if (!spec?.api || !isManaged(spec)) continue;
    const value = effective(spec, declared, name);
    if (value === undefined) continue;
    setPath(body, spec.api, spec.fields && value !== null ? apiBody(spec.fields, value as Values) : value);
  }
  return body;
}

export interface Diff {
  /** Managed fields whose declared value differs from the state. */
  changed: string[];
  /** The changed fields that force a replacement. */
  replaces: string[];
}

/** Compares a declaration with the last known state; a field whose value is not known yet counts as changed. */
export function diff(kind: KindSpec, state: Values, declared: Values, isUnknown: (value: unknown) => boolean = never): Diff {
  const changed: string[] = [];
  for (const [name, spec] of Object.entries(kind.fields)) {
    if (!isManaged(spec) || spec.createOnly) continue;
    if (isUnknown(declared[name])) {
      changed.push(name);
      continue;
    }
    const desired = desiredState({ [name]: spec }, declared, false, state);
    const key = spec.writeOnly ? hashKey(name, spec) : name;
    if (!(key in desired)) continue;
    if (canonicalJson(desired[key]) !== canonicalJson(state[key] ?? null)) changed.push(name);
  }
  return { changed, replaces: changed.filter((name) => kind.fields[name]!.immutable) };
}
