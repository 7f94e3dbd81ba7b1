/**
 * The `tfplugin6.Provider` service: schema, configuration, and each call decoded from and encoded to
 * msgpack with the schema's types. Everything about resources happens in ManagedResources and the
 * data sources; this file only speaks the protocol.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { Engine } from "../engine";
import { apiUrlProblem, connectionSettings, type ConnectionSettings } from "../engine/settings";
import { Redactor } from "../client/redact";
import { DATA_SOURCES, validateDataSource } from "./data-sources";
import { type Diagnostic, errorDiagnostic, warningDiagnostic } from "./diagnostics";
import { Holders } from "./holders";
import { inTerraformWords, terraformWords } from "../model/naming";
import { type CtyType, decodeValue, encodeValue, isUnknown } from "./protocol/cty";
import { ManagedResources, RESOURCES, type Session } from "./resources";
import { type Attribute, objectType } from "./schema";
import type { TerraformObject } from "./state";

const PROVIDER_ATTRIBUTES: Attribute[] = [
  {
    name: "api_url",
    type: "string",
    description: "The platform's API address, such as `https://api.scrums.example`. Defaults to `SCRUMS_API_URL`.",
    required: false,
    optional: true,
    computed: false,
    sensitive: false,
    writeOnly: false,
  },
  {
    name: "api_token",
    type: "string",
    description: "A service token for the API. Defaults to `SCRUMS_API_TOKEN`.",
    required: false,
    optional: true,
    computed: false,
    sensitive: true,
    writeOnly: false,
  },
];
const PROVIDER_TYPE = objectType(PROVIDER_ATTRIBUTES);

interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

const decode = (value: DynamicValue | null | undefined, type: CtyType) =>
  (value?.msgpack ? decodeValue(value.msgpack, type) : null) as TerraformObject | null;
const encode = (value: unknown, type: CtyType): DynamicValue => ({ msgpack: encodeValue(value, type) });

function protoAttribute(attribute: Attribute): object {
  return {
    name: attribute.name,
    type: attribute.nested ? Buffer.alloc(0) : Buffer.from(JSON.stringify(attribute.type)),
    ...(attribute.nested
      ? { nested_type: { attributes: attribute.nested.map(protoAttribute), nesting: "SINGLE" } }
      : {}),
    description: attribute.description,
    description_kind: "MARKDOWN",
    required: attribute.required,
    optional: attribute.optional,
    computed: attribute.computed,
    sensitive: attribute.sensitive,
    write_only: attribute.writeOnly,
  };
}

const protoSchema = (attributes: Attribute[], description: string) => ({
  version: 0,
  block: {
    version: 0,
    attributes: attributes.map(protoAttribute),
    description: terraformWords(description),
    description_kind: "MARKDOWN",
  },
});

/** Diagnostics raised while `work` runs: warnings the engine gives on the user's behalf. */
const warnings = new AsyncLocalStorage<Diagnostic[]>();

export class ScrumsProvider {
  private engine: Engine | undefined;
  private settings: ConnectionSettings = {};
  private readonly redactor = new Redactor();
  private readonly session: Session = {
    engine: () => this.connected(),
    redact: (text) => this.engine?.redact(text) ?? this.redactor.redact(text),
    rendering: { writeOnlyInState: true },
  };
  private readonly resources = new ManagedResources(this.session);
  private readonly holders = new Holders();

  /** Once `stop` aborts, the engine sends nothing more. */
  constructor(private readonly stop?: AbortSignal) {}

  GetProviderSchema() {
    return {
      provider: protoSchema(
        PROVIDER_ATTRIBUTES,
        "The Scrums platform's organizations, workspaces, members, domains and integrations.",
      ),
      resource_schemas: Object.fromEntries(
        [...RESOURCES].map(([typeName, schema]) => [typeName, protoSchema(schema.attributes, schema.kind.description)]),
      ),
      data_source_schemas: Object.fromEntries(
        [...DATA_SOURCES].map(([typeName, source]) => [typeName, protoSchema(source.attributes, source.description)]),
      ),
      diagnostics: [],
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: true },
    };
  }

  ValidateProviderConfig(request: { config: DynamicValue }) {
    const config = decode(request.config, PROVIDER_TYPE) ?? {};
    const url = config.api_url;
    const problem = typeof url === "string" ? apiUrlProblem(url) : undefined;
    const diagnostics = problem
      ? [
          {
            ...errorDiagnostic("Invalid api_url", `api_url ${problem}`),
            attribute: { steps: [{ attribute_name: "api_url" }] },
          },
        ]
      : [];
    return { diagnostics };
  }

  ConfigureProvider(request: {
    config: DynamicValue;
    client_capabilities?: { write_only_attributes_allowed?: boolean };
  }) {
    const config = decode(request.config, PROVIDER_TYPE) ?? {};
    const given = (value: unknown) => (typeof value === "string" && !isUnknown(value) ? value : undefined);
    this.settings = connectionSettings({ apiUrl: given(config.api_url), apiToken: given(config.api_token) });
    this.redactor.add(this.settings.apiToken);
    this.session.rendering.writeOnlyInState = !request.client_capabilities?.write_only_attributes_allowed;
    return { diagnostics: [] };
  }

  ValidateResourceConfig(request: { type_name: string; config: DynamicValue }) {
    return this.guarded(() => {
      const schema = this.resources.schema(request.type_name);
      return { diagnostics: this.resources.validate(request.type_name, decode(request.config, schema.type) ?? {}) };
    });
  }

  ValidateDataResourceConfig(request: { type_name: string; config: DynamicValue }) {
    return this.guarded(() => {
      const source = DATA_SOURCES.get(request.type_name);
      return {
        diagnostics: source
          ? validateDataSource(request.type_name, decode(request.config, source.type) ?? {})
          : validateDataSource(request.type_name, {}),
      };
    });
  }

  UpgradeResourceState(request: { type_name: string; raw_state: { json?: Uint8Array } }) {
    return this.guarded(() => {
      const schema = this.resources.schema(request.type_name);
      const state = request.raw_state.json?.length
        ? this.resources.upgrade(request.type_name, request.raw_state.json)
        : null;
      return { upgraded_state: encode(state, schema.type), diagnostics: [] };
    });
  }

  PlanResourceChange(request: {
    type_name: string;
    prior_state: DynamicValue;
    proposed_new_state: DynamicValue;
    config: DynamicValue;
    prior_private: Uint8Array;
  }) {
    return this.guarded(async () => {
      const { type } = this.resources.schema(request.type_name);
      const prior = decode(request.prior_state, type);
      const held = prior && this.heldByAnother(request.type_name, prior, request.prior_private);
      if (held) return { diagnostics: [held] };
      const result = await this.resources.plan(
        request.type_name,
        prior,
        decode(request.proposed_new_state, type),
        decode(request.config, type),
      );
      return {
        planned_state: encode(result.planned, type),
        requires_replace: result.requiresReplace,
        planned_private: request.prior_private,
        diagnostics: result.diagnostics,
      };
    });
  }

  ApplyResourceChange(request: {
    type_name: string;
    prior_state: DynamicValue;
    planned_state: DynamicValue;
    config: DynamicValue;
    planned_private: Uint8Array;
  }) {
    return this.guarded(async () => {
      const { type } = this.resources.schema(request.type_name);
      const prior = decode(request.prior_state, type);
      const result = await this.resources.apply(
        request.type_name,
        prior,
        decode(request.planned_state, type),
        decode(request.config, type),
      );
      const created = prior === null && result.state !== null;
      return {
        new_state: encode(result.state, type),
        private: created ? Holders.fresh() : request.planned_private,
        diagnostics: result.diagnostics,
      };
    });
  }

  ReadResource(request: { type_name: string; current_state: DynamicValue; private: Uint8Array }) {
    return this.guarded(async () => {
      const { type } = this.resources.schema(request.type_name);
      const current = decode(request.current_state, type);
      const held = current && this.heldByAnother(request.type_name, current, request.private);
      if (held) return { new_state: request.current_state, private: request.private, diagnostics: [held] };
      const result = current ? await this.resources.read(request.type_name, current) : { state: null, diagnostics: [] };
      return { new_state: encode(result.state, type), diagnostics: result.diagnostics, private: request.private };
    });
  }

  ImportResourceState(request: { type_name: string; id: string }) {
    return this.guarded(async () => {
      const { type } = this.resources.schema(request.type_name);
      const result = await this.resources.import(request.type_name, request.id);
      const imported = result.state
        ? [{ type_name: request.type_name, state: encode(result.state, type), private: Holders.fresh() }]
        : [];
      return { imported_resources: imported, diagnostics: result.diagnostics };
    });
  }

  ReadDataSource(request: { type_name: string; config: DynamicValue }) {
    return this.guarded(async () => {
      const source = DATA_SOURCES.get(request.type_name);
      if (!source) return { diagnostics: validateDataSource(request.type_name, {}) };
      const config = decode(request.config, source.type) ?? {};
      try {
        return { state: encode(await source.read(this.session, config), source.type), diagnostics: [] };
      } catch (error) {
        return {
          diagnostics: [
            errorDiagnostic(
              `Could not read ${request.type_name}`,
              this.session.redact(String((error as Error).message ?? error)),
            ),
          ],
        };
      }
    });
  }

  StopProvider() {
    return { Error: "" };
  }

  async close(): Promise<void> {
    await this.engine?.close();
  }

  /** An error when another resource of the configuration holds the same object (see Holders). */
  private heldByAnother(typeName: string, state: TerraformObject, privateState: Uint8Array): Diagnostic | undefined {
    const problem = this.holders.claim(typeName, String(state.id), privateState);
    return problem === undefined ? undefined : errorDiagnostic(`Two ${typeName} resources hold one object`, problem);
  }

  private connected(): Engine {
    if (!this.engine) {
      const { apiUrl, apiToken } = this.settings;
      if (!apiUrl || !apiToken) {
        throw new Error(
          "the scrums provider needs the platform's address and a token: set api_url and api_token in its block, or SCRUMS_API_URL and SCRUMS_API_TOKEN",
        );
      }
      this.engine = new Engine({
        apiUrl,
        token: apiToken,
        signal: this.stop,
        warn: (message) => warnings.getStore()?.push(warningDiagnostic(inTerraformWords(message), "")),
      });
    }
    return this.engine;
  }

  /**
   * Runs a call with the engine's warnings collected into its diagnostics; an unexpected failure
   * becomes an error diagnostic rather than a broken RPC.
   */
  private async guarded<T extends { diagnostics?: Diagnostic[] }>(
    work: () => T | Promise<T>,
  ): Promise<T | { diagnostics: Diagnostic[] }> {
    const collected: Diagnostic[] = [];
    try {
      const response = await warnings.run(collected, work);
      return { ...response, diagnostics: [...(response.diagnostics ?? []), ...collected] };
    } catch (error) {
      return {
        diagnostics: [
          ...collected,
          errorDiagnostic("scrums provider error", this.session.redact(String((error as Error).stack ?? error))),
        ],
      };
    }
  }
}
