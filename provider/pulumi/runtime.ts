/**
 * The half of the Pulumi front end that runs inside the dynamic-provider process: `provider(kind)`
 * is what the provider code in each resource's state (see ./provider) hands Pulumi, and it turns
 * the provider calls of each kind into engine calls. One engine serves every resource of a run, so
 * they share a connection pool and an organization's SSO can wait for its domain.
 */
import { Engine, PartialCreateError } from "../engine";
import { connectionSettings, type ConnectionSettings } from "../engine/settings";
import { stopWhenOrphaned } from "../lifeline";
import type { KindName, Values } from "../model/resources";
import { withExtras } from "./host-diff";
import { checkInputs, diffInputs } from "./steps";
import { PROVIDER_KEY, URN_KEY } from "./provider";
import { engineAddress, onBehalfOf, warn } from "./resource-log";

interface ConfigSource {
  get(key: string): string | undefined;
}

let settings: ConnectionSettings = {};
let engine: Engine | undefined;

/** Every kind's provider is configured, each with the same configuration. */
function configure(config: ConfigSource): void {
  settings = connectionSettings({ apiUrl: config.get("scrums:apiUrl"), apiToken: config.get("scrums:apiToken") });
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

function check(kind: KindName, olds: Values, news: Values) {
  const { inputs, failures } = checkInputs(kind, declaration(news), isEmpty(olds));
  return { inputs: withUrn(inputs, news), failures };
}

async function diff(kind: KindName, id: string, olds: Values, news: Values) {
  const {
    stables,
    detailedDiff,
    work: _work,
    ...answer
  } = await diffInputs(kind, id, declaration(olds), declaration(news), connected);
  return withExtras(answer, { stables, detailedDiff });
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
