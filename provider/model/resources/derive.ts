/**
 * What every front end and the engine derive from a kind's declaration: validation of declared
 * values, the state a declaration converges to, the mapping to and from API objects, and diffs.
 */
import { createHash } from "node:crypto";
import type { DerivedBody } from "../api/routes";
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
  /** The existing object's last known state, when the front end has it. */
  state?: Values;
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
  if (issues.length === 0 && kind.rules)
    issues.push(...kind.rules(values, { creating: options.creating, isUnknown, state: options.state }));
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
      else
        for (const issue of parsed.error.issues)
          issues.push({ field: [prefix + name, ...issue.path.map(String)].join("."), reason: issue.message });
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
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Values)[key])]),
    );
  }
  return value;
};

const isObject = (value: unknown): value is Values =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const effective = (spec: FieldSpec, declared: Values, name: string) => declared[name] ?? spec.default;

/**
 * Whether a SHA-256 the platform publishes (of the text it holds) is that of `value`, with or without
 * a final line break: a PEM file's is no part of the certificate, and `$(cat cert.pem)` or
 * `pulumi config set` reading stdin drops it.
 */
const matchesPublishedHash = (value: unknown, hash: unknown) => {
  const text = textOf(value).replace(/\r?\n$/, "");
  return sha256(text) === hash || sha256(`${text}\n`) === hash;
};

/** Whether `hash`, as state keeps it for the write-only field `spec`, is the hash of `value`. */
export const matchesWriteOnlyHash = (spec: FieldSpec, value: unknown, hash: unknown) =>
  hasSaltedHash(spec) ? matchesSecretHash(textOf(value), hash) : matchesPublishedHash(value, hash);

/** The hash state keeps of a write-only value: `previous` when it is the hash of this value, so state only changes with it. */
function writeOnlyHash(spec: FieldSpec, value: unknown, previous: unknown): string {
  if (matchesWriteOnlyHash(spec, value, previous)) return previous as string;
  return hasSaltedHash(spec) ? hashSecret(textOf(value)) : sha256(value);
}

/**
 * The state a declaration converges to, for its managed fields: defaults filled in, write-only values
 * replaced by their hash (the one in `previous` when it still fits). Optional fields without a default,
 * left undeclared (at any depth), are not in it: the platform keeps its value (see `overlay`).
 */
export function desiredState(fields: Fields, declared: Values, previous: Values = {}): Values {
  const state: Values = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (!isManaged(spec)) continue;
    const value = effective(spec, declared, name);
    if (value === undefined) continue;
    const key = spec.writeOnly ? hashKey(name, spec) : name;
    if (spec.writeOnly) state[key] = value === null ? null : writeOnlyHash(spec, value, previous[key]);
    else if (spec.fields && value !== null)
      state[name] = desiredState(spec.fields, value as Values, (previous[name] ?? {}) as Values);
    else state[name] = value;
  }
  return state;
}

/**
 * A state with a desired state laid over it. Inside an object-valued field a member the declaration
 * left out keeps the state's value (a SAML block declared without its certificate keeps the hash of
 * the certificate the platform holds).
 */
export function overlay(fields: Fields, state: Values, desired: Values): Values {
  const result: Values = { ...state };
  for (const [key, value] of Object.entries(desired)) {
    const members = fields[key]?.fields;
    const current = state[key];
    result[key] = members && isObject(value) && isObject(current) ? overlay(members, current, value) : value;
  }
  return result;
}

/** The salted hashes of a declaration's write-only values, those in `previous` kept where they still fit. */
export const saltedHashes = (fields: Fields, declared: Values, previous: Values): Values =>
  desiredState(
    Object.fromEntries(Object.entries(fields).filter(([, spec]) => hasSaltedHash(spec))),
    declared,
    previous,
  );

const getPath = (object: unknown, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Values)[key] : undefined), object);

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
    state[name] =
      spec.fields && value !== null && value !== undefined ? stateFromApi(spec.fields, value) : (value ?? null);
  }
  return state;
}

/** An API request body carrying the named managed fields' declared values (plaintext for write-only ones). */
export function apiBody(fields: Fields, declared: Values, names: readonly string[] = Object.keys(fields)): DerivedBody {
  const body = {} as DerivedBody;
  for (const name of names) {
    const spec = fields[name];
    if (!spec?.api || !isManaged(spec)) continue;
    const value = effective(spec, declared, name);
    if (value === undefined) continue;
    setPath(body, spec.api, spec.fields && value !== null ? apiBody(spec.fields, value as Values) : value);
  }
  return body;
}

/** The field goes in the bodies of the object's own create or update. */
const inBodies = (spec: FieldSpec) =>
  Boolean(spec.api) && isManaged(spec) && (spec.sentIn === undefined || spec.sentIn === "updateOnly");

/** The body of the create of an object of `kind`. */
export const createBody = (kind: KindSpec, declared: Values): DerivedBody =>
  apiBody(
    kind.fields,
    declared,
    Object.keys(kind.fields).filter(
      (name) => inBodies(kind.fields[name]!) && kind.fields[name]!.sentIn !== "updateOnly",
    ),
  );

/** The fields an update of the object itself sends, of `names` (by default, of all). */
export const updatedFields = (kind: KindSpec, names: readonly string[] = Object.keys(kind.fields)): string[] =>
  names.filter((name) => {
    const spec = kind.fields[name];
    return spec !== undefined && inBodies(spec) && !spec.immutable && !spec.createOnly;
  });

/**
 * The body of an update of an object of `kind` for its `changed` fields (empty when none is the
 * update's). The API replaces an object value whole, so a field sharing its API object with a changed
 * one goes along, unless it is write-only: the platform keeps a write-only value the body leaves out.
 */
export function updateBody(kind: KindSpec, declared: Values, changed: readonly string[]): DerivedBody {
  const sent = new Set(updatedFields(kind, changed));
  const apiObjects = new Set([...sent].map((name) => kind.fields[name]!.api));
  const goesAlong = (name: string) => !kind.fields[name]!.writeOnly && apiObjects.has(kind.fields[name]!.api);
  return apiBody(
    kind.fields,
    declared,
    updatedFields(kind).filter((name) => sent.has(name) || goesAlong(name)),
  );
}

/** The body of the operation that sets one object-valued field alone (a billing address). */
export const fieldBody = (kind: KindSpec, name: string, declared: Values): DerivedBody =>
  apiBody(kind.fields[name]!.fields!, declared[name] as Values);

export interface Diff {
  /** Managed fields whose declared value differs from the state. */
  changed: string[];
  /** The changed fields that force a replacement. */
  replaces: string[];
}

/** Compares a declaration with the last known state; a field whose value is not known yet counts as changed. */
export function diff(
  kind: KindSpec,
  state: Values,
  declared: Values,
  isUnknown: (value: unknown) => boolean = never,
): Diff {
  const changed: string[] = [];
  for (const [name, spec] of Object.entries(kind.fields)) {
    if (!isManaged(spec) || spec.createOnly) continue;
    if (isUnknown(declared[name])) {
      changed.push(name);
      continue;
    }
    const desired = desiredState({ [name]: spec }, declared, state);
    const key = spec.writeOnly ? hashKey(name, spec) : name;
    if (!(key in desired)) continue;
    const converged = overlay(kind.fields, state, desired)[key];
    if (canonicalJson(converged) !== canonicalJson(state[key] ?? null)) changed.push(name);
  }
  return { changed, replaces: changed.filter((name) => kind.fields[name]!.immutable) };
}

/** The update work (as `diff` names it: changed fields and work besides them) that needs the API. */
export const workForApi = (fields: Fields, work: readonly string[]) =>
  work.filter((name) => !fields[name] || fields[name].api !== undefined);

/** The computed fields an update doing `work` may change (see `FieldSpec.changedBy`). */
export function outputsChangedBy(fields: Fields, work: readonly string[]): string[] {
  const reachesApi = workForApi(fields, work).length > 0;
  return Object.entries(fields)
    .filter(([, spec]) => spec.role === "computed")
    .filter(([, spec]) => (spec.changedBy ? spec.changedBy.some((name) => work.includes(name)) : reachesApi))
    .map(([name]) => name);
}

/** The computed fields an update doing `work` leaves as they are: a plan shows their current value. */
export const stableOutputs = (fields: Fields, work: readonly string[]): string[] => {
  const changing = outputsChangedBy(fields, work);
  return Object.entries(fields)
    .filter(([name, spec]) => spec.role === "computed" && !changing.includes(name))
    .map(([name]) => name);
};

/** The fields a lookup of an existing object gives (a data source, an invoke): what the platform shows of it. */
export const shownFields = (fields: Fields): Fields =>
  Object.fromEntries(Object.entries(fields).filter(([, spec]) => spec.api && !spec.writeOnly && !spec.createOnly));
