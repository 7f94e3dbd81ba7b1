/**
 * The half of the Pulumi front end that runs inside the dynamic-provider process: `provider(kind)`
 * is what the provider code in each resource's state (see ./provider) hands Pulumi, and it turns
 * the provider calls of each kind into engine calls. One engine serves every resource of a run, so
 * they share a connection pool and an organization's SSO can wait for its domain.
 */
import { checkDeclaration, Engine, PartialCreateError, planDeclaration } from "../engine";
import { stopWhenOrphaned } from "../lifeline";
import {
  type Diff,
  type Fields,
  hashKey,
  holdsSecret,
  type Issue,
  KINDS,
  type KindName,
  stableOutputs,
  type Values,
} from "../model/resources";
import { type DiffExtras, withExtras } from "./host-diff";
import { PROVIDER_KEY, URN_KEY } from "./provider";
import { engineAddress, onBehalfOf, warn } from "./resource-log";

/** The value Pulumi passes for an input not known until apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const isUnknown = (value: unknown) => value === UNKNOWN;

interface ConfigSource {
  get(key: string): string | undefined;
}

let settings: { apiUrl?: string; apiToken?: string } = {};
let engine: Engine | undefined;

/** Every kind's provider is configured, each with the same configuration. */
function configure(config: ConfigSource): void {
  settings = {
    apiUrl: config.get("scrums:apiUrl") ?? process.env.SCRUMS_API_URL,
    apiToken: config.get("scrums:apiToken") ?? process.env.SCRUMS_API_TOKEN,
  };
}

function connected(): Engine {
  if (!engine) {
    const { apiUrl, apiToken } = settings;
    if (!apiUrl || !apiToken) {
      throw new Error(
        "scrums-iac needs the platform's address and a token: set scrums:apiUrl and scrums:apiToken (pulumi config set --secret " +
          "scrums:apiToken …), or SCRUMS_API_URL and SCRUMS_API_TOKEN",
      );
    }
    // A Pulumi CLI killed without a shutdown leaves this process running: it must not go on applying.
    const signal = stopWhenOrphaned("the scrums dynamic provider", engineAddress());
    engine = new Engine({ apiUrl, token: apiToken, signal, warn });
  }
  return engine;
}

/** The declared fields of a resource's inputs, without what only the Pulumi front end adds to them. */
const declaration = (props: Values): Values => {
  const { [PROVIDER_KEY]: _provider, [URN_KEY]: _urn, ...rest } = props;
  return rest;
};

/** A state or inputs for Pulumi, carrying the resource's URN on (see ./resource-log). */
const withUrn = (values: Values, from: Values): Values =>
  from[URN_KEY] === undefined ? values : { ...values, [URN_KEY]: from[URN_KEY] };

const isEmpty = (props: Values | undefined) => !props || Object.keys(declaration(props)).length === 0;

/**
 * A check failure as Pulumi shows it. The CLI prints the value of the property a failure names, in
 * plaintext even when it is a secret, so a failure inside a secret field names no property and
 * tells the field in its reason instead.
 */
function failure(kind: KindName, issue: Issue) {
  const fields: Fields = KINDS[kind].fields;
  const spec = fields[issue.field.split(".")[0]!];
  return spec && holdsSecret(spec)
    ? { property: "", reason: `${issue.field} ${issue.reason}` }
    : { property: issue.field, reason: issue.reason };
}

function check(kind: KindName, olds: Values, news: Values) {
  const { declared, issues } = checkDeclaration(kind, declaration(news), { creating: isEmpty(olds), isUnknown });
  return { inputs: withUrn(declared, news), failures: issues.map((issue) => failure(kind, issue)) };
}

/**
 * How each property changes: declared fields as inputs; work no field shows (an expired invitation
 * to resend) by the outputs it changes, or by its own name when it changes none that says so.
 */
function detailedDiff(fields: Fields, olds: Values, news: Values, change: Diff): DiffExtras["detailedDiff"] {
  const detail: DiffExtras["detailedDiff"] = {};
  for (const name of change.changed) {
    const replace = change.replaces.includes(name);
    const spec = fields[name];
    if (spec) {
      // State holds a write-only value by its hash.
      const kind =
        olds[spec.writeOnly ? hashKey(name, spec) : name] === undefined
          ? "add"
          : news[name] === undefined
            ? "delete"
            : "update";
      detail[name] = { kind, replace, inputDiff: true };
      continue;
    }
    const outputs = Object.entries(fields)
      .filter(([, spec]) => spec.changedBy?.includes(name))
      .map(([output]) => output);
    for (const output of outputs.length ? outputs : [name])
      detail[output] = { kind: "update", replace, inputDiff: false };
  }
  return detail;
}

async function diff(kind: KindName, id: string, olds: Values, news: Values) {
  const fields: Fields = KINDS[kind].fields;
  const [before, after] = [declaration(olds), declaration(news)];
  const change = await planDeclaration(kind, id, before, after, connected, isUnknown);
  const answer = {
    changes: change.changed.length > 0,
    replaces: change.replaces,
    deleteBeforeReplace: change.replaces.length > 0 && Boolean(KINDS[kind].deleteBeforeReplace),
  };
  return withExtras(answer, {
    stables: stableOutputs(fields, change.changed),
    detailedDiff: detailedDiff(fields, before, after, change),
  });
}

async function create(kind: KindName, inputs: Values) {
  try {
    const urn = inputs[URN_KEY];
    const created = await connected().create(kind, declaration(inputs), typeof urn === "string" ? urn : undefined);
    return { id: created.id, outs: withUrn(created.state, inputs) };
  } catch (error) {
    if (!(error instanceof PartialCreateError)) throw error;
    // Pulumi keeps an object that failed to initialise in state, with these properties, and updates it next time.
    throw Object.assign(new Error(error.message), {
      id: error.id,
      properties: withUrn(error.state, inputs),
      reasons: [error.message],
    });
  }
}

async function read(kind: KindName, id: string, props: Values) {
  const found = await connected().read(kind, id, declaration(props));
  return found ? { id: found.id, props: withUrn(found.state, props) } : { id: "", props: {} };
}

async function update(kind: KindName, id: string, olds: Values, news: Values) {
  return { outs: withUrn(await connected().update(kind, id, declaration(olds), declaration(news)), news) };
}

async function remove(kind: KindName, id: string, props: Values): Promise<void> {
  await connected().delete(kind, id, declaration(props));
}

/** The provider object of one kind, in the shape of `pulumi.dynamic.ResourceProvider`. */
export function provider(kind: KindName) {
  return {
    configure: async (request: { config: ConfigSource }) => configure(request.config),
    check: async (olds: Values, news: Values) => check(kind, olds, news),
    diff: (id: string, olds: Values, news: Values) => onBehalfOf(news[URN_KEY], () => diff(kind, id, olds, news)),
    create: (inputs: Values) => onBehalfOf(inputs[URN_KEY], () => create(kind, inputs)),
    read: (id: string, props: Values) => onBehalfOf(props[URN_KEY], () => read(kind, id, props)),
    update: (id: string, olds: Values, news: Values) => onBehalfOf(news[URN_KEY], () => update(kind, id, olds, news)),
    delete: (id: string, props: Values) => onBehalfOf(props[URN_KEY], () => remove(kind, id, props)),
  };
}
