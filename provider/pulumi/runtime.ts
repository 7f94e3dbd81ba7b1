/**
 * The half of the Pulumi front end that runs inside the dynamic-provider process: `provider(kind)`
 * is what the provider code in each resource's state (see ./provider) hands Pulumi, and it turns
 * the provider calls of each kind into engine calls. One engine serves every resource of a run, so
 * they share a connection pool and an organization's SSO can wait for its domain.
 */
import { checkDeclaration, diffDeclaration, Engine, PartialCreateError } from "../engine";
import { type Fields, holdsSecret, type Issue, KINDS, type KindName, type Values } from "../model/resources";
import { DECLARATION_KEY, PROVIDER_KEY } from "./provider";

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
    engine = new Engine({ apiUrl, token: apiToken, warn: (message) => process.stderr.write(`warning: ${message}\n`) });
  }
  return engine;
}

/** The declared fields of a resource's inputs, without what only the Pulumi front end adds to them. */
const declaration = (props: Values): Values => {
  const { [PROVIDER_KEY]: _provider, [DECLARATION_KEY]: _urn, ...rest } = props;
  return rest;
};

const isEmpty = (props: Values | undefined) => !props || Object.keys(declaration(props)).length === 0;

/** Deletion replaces first for kinds whose name stays taken while the old object exists. */
const DELETE_BEFORE_REPLACE: ReadonlySet<KindName> = new Set(["Domain"]);

/**
 * A check failure as Pulumi shows it. The CLI prints the value of the property a failure names, in
 * plaintext even when it is a secret, so a failure inside a secret field names no property and
 * tells the field in its reason instead.
 */
function failure(kind: KindName, issue: Issue) {
  const fields: Fields = KINDS[kind].fields;
  const spec = fields[issue.field.split(".")[0]!];
  return spec && holdsSecret(spec) ? { property: "", reason: `${issue.field} ${issue.reason}` } : { property: issue.field, reason: issue.reason };
}

function check(kind: KindName, olds: Values, news: Values) {
  const { declared, issues } = checkDeclaration(kind, declaration(news), { creating: isEmpty(olds), isUnknown });
  return { inputs: { ...declared, [DECLARATION_KEY]: news[DECLARATION_KEY] }, failures: issues.map((issue) => failure(kind, issue)) };
}

function diff(kind: KindName, _id: string, olds: Values, news: Values) {
  const result = diffDeclaration(kind, declaration(olds), declaration(news), isUnknown);
  return {
    changes: result.changed.length > 0,
    replaces: result.replaces,
    deleteBeforeReplace: result.replaces.length > 0 && DELETE_BEFORE_REPLACE.has(kind),
  };
}

async function create(kind: KindName, inputs: Values) {
  try {
    const urn = inputs[DECLARATION_KEY];
    const created = await connected().create(kind, declaration(inputs), typeof urn === "string" ? urn : undefined);
    return { id: created.id, outs: created.state };
  } catch (error) {
    if (!(error instanceof PartialCreateError)) throw error;
    // Pulumi keeps an object that failed to initialise in state, with these properties, and updates it next time.
    throw Object.assign(new Error(error.message), { id: error.id, properties: error.state, reasons: [error.message] });
  }
}

async function read(kind: KindName, id: string, props: Values) {
  const found = await connected().read(kind, id, declaration(props));
  return found ? { id: found.id, props: found.state } : { id: "", props: {} };
}

async function update(kind: KindName, id: string, olds: Values, news: Values) {
  return { outs: await connected().update(kind, id, declaration(olds), declaration(news)) };
}

async function remove(kind: KindName, id: string, props: Values): Promise<void> {
  await connected().delete(kind, id, declaration(props));
}

/** The provider object of one kind, in the shape of `pulumi.dynamic.ResourceProvider`. */
export function provider(kind: KindName) {
  return {
    configure: async (request: { config: ConfigSource }) => configure(request.config),
    check: async (olds: Values, news: Values) => check(kind, olds, news),
    diff: async (id: string, olds: Values, news: Values) => diff(kind, id, olds, news),
    create: async (inputs: Values) => create(kind, inputs),
    read: async (id: string, props: Values) => read(kind, id, props),
    update: async (id: string, olds: Values, news: Values) => update(kind, id, olds, news),
    delete: async (id: string, props: Values) => remove(kind, id, props),
  };
}
