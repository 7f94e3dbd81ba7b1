/**
 * The provider process as go-plugin expects it: check the magic cookie, serve gRPC over mutual TLS
 * on loopback, announce the address and certificate on one stdout line, and exit when Terraform's
 * controller says so, or at once when Terraform is gone. Logs go to stderr only: stdout belongs to
 * the handshake.
 */
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { stopWhenOrphaned } from "../../lifeline";
import { ScrumsProvider } from "../provider";
import { selfSignedCertificate } from "./certificate";

const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CORE_PROTOCOL_VERSION = 1;
const PROTOCOL_VERSION = 6;

const NOT_BY_HAND =
  "This is the scrums Terraform provider: Terraform and OpenTofu start it themselves.\n" +
  "Run `scrums-iac terraform install`, add the provider_installation block it prints to your CLI configuration,\n" +
  'then declare `scrums = { source = "scrums/scrums" }` in required_providers and run `terraform init`.\n';

type Handler = (request: unknown) => unknown;

/** The .proto files, beside the provider in the source tree and in dist/ alike; the release bundle embeds them. */
export const PROTOCOL_DIRECTORY = join(__dirname, "..", "protocol");
export const PROTOCOL_FILES = ["tfplugin6.proto", "go-plugin.proto", "health.proto"];
const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  enums: String,
  longs: Number,
  defaults: false,
  oneofs: true,
};

/** The protocol's descriptors as JSON, which the standalone executable's bundle defines (it has no .proto files beside it). */
declare const SCRUMS_EMBEDDED_PROTOCOL: Parameters<typeof protoLoader.fromJSON>[0] | undefined;

/** The protocol's package definitions: embedded in the standalone executable, else from the .proto files beside the built provider. */
function loadServices() {
  const definition =
    typeof SCRUMS_EMBEDDED_PROTOCOL === "undefined"
      ? protoLoader.loadSync(
          PROTOCOL_FILES.map((file) => join(PROTOCOL_DIRECTORY, file)),
          LOADER_OPTIONS,
        )
      : protoLoader.fromJSON(SCRUMS_EMBEDDED_PROTOCOL, LOADER_OPTIONS);
  return grpc.loadPackageDefinition(definition) as unknown as {
    tfplugin6: { Provider: grpc.ServiceClientConstructor };
    plugin: Record<"GRPCController" | "GRPCBroker" | "GRPCStdio", grpc.ServiceClientConstructor>;
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
}

/** Unary handlers calling the provider's method of the same name; a thrown error becomes a gRPC INTERNAL status. */
function unary(target: Record<string, Handler>, service: grpc.ServiceDefinition): grpc.UntypedServiceImplementation {
  return Object.fromEntries(
    Object.keys(service).map((name) => [
      name,
      (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        Promise.resolve()
          .then(() => target[name]!.call(target, call.request))
          .then(
            (response) => callback(null, response),
            (error: Error) => callback({ code: grpc.status.INTERNAL, details: error.message }),
          );
      },
    ]),
  );
}

/** A stream that stays open and silent until Terraform ends it (the broker and stdio channels go unused). */
const idleStream = (call: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>) => {
  call.on("cancelled", () => call.end());
  call.on("error", () => call.end());
};

export async function serve(): Promise<void> {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write(NOT_BY_HAND);
    process.exit(1);
  }
  const versions = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? String(PROTOCOL_VERSION)).split(",").map(Number);
  if (!versions.includes(PROTOCOL_VERSION)) {
    process.stderr.write(
      `scrums provider: this Terraform offers plugin protocol ${versions.join(", ")}; the provider speaks ${PROTOCOL_VERSION} (Terraform 1.0 or later)\n`,
    );
    process.exit(1);
  }
  const clientCertificate = process.env.PLUGIN_CLIENT_CERT;
  const certificate = clientCertificate ? selfSignedCertificate() : undefined;
  const credentials = certificate
    ? grpc.ServerCredentials.createSsl(
        Buffer.from(clientCertificate!),
        [{ private_key: Buffer.from(certificate.privateKeyPem), cert_chain: Buffer.from(certificate.certificatePem) }],
        true,
      )
    : grpc.ServerCredentials.createInsecure();

  const services = loadServices();
  // Terraform killed without a shutdown leaves the provider running: it must not go on applying.
  const provider = new ScrumsProvider(stopWhenOrphaned("the scrums provider"));
  const server = new grpc.Server({
    "grpc.max_receive_message_length": 256 * 1024 * 1024,
    "grpc.max_send_message_length": 256 * 1024 * 1024,
  });
  server.addService(
    services.tfplugin6.Provider.service,
    unary(provider as unknown as Record<string, Handler>, services.tfplugin6.Provider.service),
  );
  server.addService(services.plugin.GRPCController.service, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      callback(null, {});
      // Answer first: Terraform waits for the reply, then for the process to end.
      setImmediate(() => void provider.close().finally(() => server.tryShutdown(() => process.exit(0))));
    },
  });
  server.addService(services.plugin.GRPCBroker.service, { StartStream: idleStream });
  server.addService(services.plugin.GRPCStdio.service, { StreamStdio: idleStream });
  server.addService(services.grpc.health.v1.Health.service, {
    Check: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, { status: "SERVING" }),
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  // Terraform stops the provider through the controller or StopProvider; an interrupt meant for Terraform is not ours.
  process.on("SIGINT", () => {});
  const announced = certificate ? certificate.der.toString("base64").replace(/=+$/, "") : "";
  process.stdout.write(`${CORE_PROTOCOL_VERSION}|${PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc|${announced}\n`);
}
