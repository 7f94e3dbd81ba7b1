/**
 * The `pulumirpc.ResourceProvider` gRPC service of `pulumi-resource-scrums`, served on the stubs
 * that @pulumi/pulumi ships (its `provider.main()` fails a Read without properties, which is how
 * `pulumi import` reads, and ignores Configure's variables). Each method decodes its request to
 * plain values (./properties), runs on behalf of the resource's URN so that the engine's warnings
 * are filed under it (../resource-log), and encodes the answer; a failure becomes a gRPC error
 * with every secret scrubbed from its message.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as rpc from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { Engine, PartialCreateError } from "../../engine";
import { Redactor } from "../../client/redact";
import type { ConnectionSettings } from "../../engine/settings";
import { KINDS, type KindName, type Values } from "../../model/resources";
import { onBehalfOf, warn } from "../resource-log";
import type { CheckFailure, DiffAnswer } from "../steps";
import { configFailures, configuredSettings } from "./config";
import { invoke } from "./invoke";
import { fromStruct, secretKeys, toStruct } from "./properties";
import { kindOfType, NativeResources, typeOfUrn } from "./resources";

export interface ServerOptions {
  /** The package schema, as GetSchema serves it. */
  schema: string;
  version: string;
  /** Aborts when the engine that started this plugin has gone. */
  stop?: AbortSignal;
}

type Handler<Req, Res> = (request: Req) => Promise<Res> | Res;

/** The state of `kind` as Pulumi keeps it: every value the model calls secret, or that came in secret, stays one. */
const stateStruct = (kind: KindName, values: Values, secrets: Iterable<string> = []) =>
  toStruct(values, [...secretKeys(KINDS[kind].fields), ...secrets]);

const failureMessages = (failures: CheckFailure[]) =>
  failures.map((failure) => new rpc.CheckFailure().setProperty(failure.property).setReason(failure.reason));

const PROPERTY_DIFF_KIND = rpc.PropertyDiff.Kind;

function diffResponse(answer: DiffAnswer): rpc.DiffResponse {
  const response = new rpc.DiffResponse()
    .setChanges(answer.changes ? rpc.DiffResponse.DiffChanges.DIFF_SOME : rpc.DiffResponse.DiffChanges.DIFF_NONE)
    .setReplacesList(answer.replaces)
    .setStablesList(answer.stables)
    .setDeletebeforereplace(answer.deleteBeforeReplace)
    .setDiffsList(Object.keys(answer.detailedDiff))
    .setHasdetaileddiff(true);
  const detailed = response.getDetaileddiffMap();
  for (const [key, change] of Object.entries(answer.detailedDiff)) {
    const kind = PROPERTY_DIFF_KIND[`${change.kind.toUpperCase()}${change.replace ? "_REPLACE" : ""}` as "UPDATE"];
    detailed.set(key, new rpc.PropertyDiff().setKind(kind).setInputdiff(change.inputDiff));
  }
  return response;
}

/** An object the platform made but the create did not finish (see PartialCreateError), with its state for Pulumi. */
class InitFailed extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Struct,
  ) {
    super(message);
  }
}

export class ScrumsResourceProvider {
  private settings: ConnectionSettings = {};
  private engine: Engine | undefined;
  /** Cancel aborts every call in flight, and every later one. */
  private readonly cancelled = new AbortController();
  private readonly redactor = new Redactor();
  private readonly resources = new NativeResources(() => this.connected());

  constructor(private readonly options: ServerOptions) {}

  /** The gRPC implementation of the service; methods left out answer UNIMPLEMENTED. */
  service(): grpc.UntypedServiceImplementation {
    return {
      getSchema: this.unary(() => new rpc.GetSchemaResponse().setSchema(this.options.schema)),
      getPluginInfo: this.unary(() => new PluginInfo().setVersion(this.options.version)),
      checkConfig: this.unary((request: rpc.CheckRequest) => {
        const news = fromStruct(request.getNews());
        return new rpc.CheckResponse()
          .setInputs(request.getNews())
          .setFailuresList(failureMessages(configFailures(news.values)));
      }),
      diffConfig: this.unary((request: rpc.DiffRequest) => {
        const [olds, news] = [fromStruct(request.getOlds()).values, fromStruct(request.getNews()).values];
        const changed = ["apiUrl", "apiToken"].filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
        return new rpc.DiffResponse()
          .setChanges(changed.length ? rpc.DiffResponse.DiffChanges.DIFF_SOME : rpc.DiffResponse.DiffChanges.DIFF_NONE)
          .setDiffsList(changed);
      }),
      configure: this.unary((request: rpc.ConfigureRequest) => {
        const variables = new Map(request.getVariablesMap().getEntryList());
        this.settings = configuredSettings(fromStruct(request.getArgs()).values, variables);
        this.redactor.add(this.settings.apiToken);
        return new rpc.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true);
      }),
      check: this.resourceCall((request: rpc.CheckRequest, kind) => {
        const [olds, news] = [fromStruct(request.getOlds()), fromStruct(request.getNews())];
        const { inputs, failures } = this.resources.check(kind, olds.values, news.values);
        return new rpc.CheckResponse()
          .setInputs(stateStruct(kind, inputs, news.secrets))
          .setFailuresList(failureMessages(failures));
      }),
      diff: this.resourceCall(async (request: rpc.DiffRequest, kind) => {
        const [olds, news] = [fromStruct(request.getOlds()).values, fromStruct(request.getNews()).values];
        return diffResponse(await this.resources.diff(kind, request.getId(), olds, news));
      }),
      create: this.resourceCall(async (request: rpc.CreateRequest, kind) => {
        const inputs = fromStruct(request.getProperties());
        const created = await this.resources
          .create(kind, request.getUrn(), inputs.values, request.getPreview())
          .catch((error: unknown) => {
            if (!(error instanceof PartialCreateError)) throw error;
            throw new InitFailed(error.message, error.id, stateStruct(kind, error.state, inputs.secrets));
          });
        return new rpc.CreateResponse()
          .setId(created.id)
          .setProperties(stateStruct(kind, created.state, inputs.secrets));
      }),
      read: this.resourceCall(async (request: rpc.ReadRequest, kind) => {
        const [state, inputs] = [fromStruct(request.getProperties()), fromStruct(request.getInputs())];
        const found = await this.resources.read(kind, request.getId(), state.values, inputs.values);
        return new rpc.ReadResponse()
          .setId(found.id)
          .setProperties(stateStruct(kind, found.state, state.secrets))
          .setInputs(stateStruct(kind, found.inputs, inputs.secrets));
      }),
      update: this.resourceCall(async (request: rpc.UpdateRequest, kind) => {
        const [olds, news] = [fromStruct(request.getOlds()), fromStruct(request.getNews())];
        const id = request.getId();
        const state = await this.resources.update(kind, id, olds.values, news.values, request.getPreview());
        return new rpc.UpdateResponse().setProperties(stateStruct(kind, state, news.secrets));
      }),
      delete: this.resourceCall(async (request: rpc.DeleteRequest, kind) => {
        await this.resources.delete(kind, request.getId(), fromStruct(request.getProperties()).values);
        return new Empty();
      }),
      invoke: this.unary(async (request: rpc.InvokeRequest) => {
        const { result, failures } = await invoke(
          () => this.connected(),
          request.getTok(),
          fromStruct(request.getArgs()).values,
        );
        return new rpc.InvokeResponse().setReturn(toStruct(result)).setFailuresList(failureMessages(failures));
      }),
      cancel: this.unary(() => {
        this.cancelled.abort(new Error("the scrums provider was cancelled"));
        return new Empty();
      }),
    };
  }

  async close(): Promise<void> {
    await this.engine?.close();
  }

  private connected(): Engine {
    if (!this.engine) {
      const { apiUrl, apiToken } = this.settings;
      if (!apiUrl || !apiToken) {
        throw new Error(
          "the scrums provider needs the platform's address and a token: set scrums:apiUrl and scrums:apiToken " +
            "(pulumi config set --secret scrums:apiToken …), or SCRUMS_API_URL and SCRUMS_API_TOKEN",
        );
      }
      const signals = [this.cancelled.signal, ...(this.options.stop ? [this.options.stop] : [])];
      this.engine = new Engine({ apiUrl, token: apiToken, signal: AbortSignal.any(signals), warn });
    }
    return this.engine;
  }

  private redact(text: string): string {
    return this.engine?.redact(text) ?? this.redactor.redact(text);
  }

  /** A unary gRPC method: the handler's answer, or its failure as an error with secrets scrubbed. */
  private unary<Req, Res>(handler: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
      Promise.resolve()
        .then(() => handler(call.request))
        .then(
          (response) => callback(null, response),
          (error: unknown) => callback(this.grpcError(error)),
        );
    };
  }

  /** A method about one resource: its kind from the request's type or URN, run on behalf of that URN. */
  private resourceCall<Req extends { getUrn(): string; getType?(): string }, Res>(
    handler: (request: Req, kind: KindName) => Promise<Res> | Res,
  ): grpc.handleUnaryCall<Req, Res> {
    return this.unary((request: Req) => {
      const urn = request.getUrn();
      const kind = kindOfType(request.getType?.() || typeOfUrn(urn));
      return onBehalfOf(urn, async () => handler(request, kind));
    });
  }

  /**
   * A failure as gRPC carries it. An object created but not finished is handed back in the error's
   * details (ErrorResourceInitFailed): Pulumi keeps it in state and updates it on the next run.
   */
  private grpcError(error: unknown): Partial<grpc.StatusObject> {
    const message = this.redact(error instanceof Error ? error.message : String(error));
    const metadata = new grpc.Metadata();
    if (error instanceof InitFailed) {
      const detail = new rpc.ErrorResourceInitFailed()
        .setId(error.id)
        .setProperties(error.properties)
        .setReasonsList([message]);
      const details = new Any();
      details.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
      const status = new Status().setCode(grpc.status.UNKNOWN).setMessage(message);
      status.addDetails(details);
      metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code: grpc.status.UNKNOWN, details: message, metadata };
  }
}

/** Serves the provider on a free loopback port; resolves to the port. */
export async function serve(provider: ScrumsResourceProvider): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(ResourceProviderService, provider.service());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { server, port };
}
