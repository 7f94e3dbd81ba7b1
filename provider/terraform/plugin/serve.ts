/**
 * The provider process as go-plugin expects it: check the magic cookie, serve gRPC over mutual TLS
 * on loopback, announce the address and certificate on one stdout line, and exit when Terraform's
 * controller says so, or at once when Terraform is gone. Logs go to stderr only: stdout belongs to
 * the handshake.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { stopWhenOrphaned } from "../../lifeline";
import type { ScrumsProvider } from "../provider";
import { selfSignedCertificate } from "./certificate";
import type { ProtocolDescriptor } from "./codec";
import { protocolServices } from "./services";

const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CORE_PROTOCOL_VERSION = 1;
const PROTOCOL_VERSION = 6;

const NOT_BY_HAND =
  "This is the scrums Terraform provider: Terraform and OpenTofu start it themselves.\n" +
  "Run `scrums-iac terraform install`, add the provider_installation block it prints to your CLI configuration,\n" +
  'then declare `scrums = { source = "scrums/scrums" }` in required_providers and run `terraform init`.\n';

type Handler = (request: unknown) => unknown;

/** The protocol's JSON descriptor, written beside the built provider by `npm run build`. */
const PROTOCOL_DESCRIPTOR = join(__dirname, "..", "protocol", "protocol.json");

/** The same descriptor, which the standalone executable's bundle embeds (it has no files beside it). */
declare const SCRUMS_EMBEDDED_PROTOCOL: ProtocolDescriptor | undefined;

function loadServices() {
  const descriptor =
    typeof SCRUMS_EMBEDDED_PROTOCOL === "undefined"
      ? (JSON.parse(readFileSync(PROTOCOL_DESCRIPTOR, "utf8")) as ProtocolDescriptor)
      : SCRUMS_EMBEDDED_PROTOCOL;
  return protocolServices(descriptor);
}

/** Unary handlers calling the provider's method of the same name; a thrown error becomes a gRPC INTERNAL status. */
function unary(
  target: () => Record<string, Handler>,
  service: grpc.ServiceDefinition,
): grpc.UntypedServiceImplementation {
  return Object.fromEntries(
    Object.keys(service).map((name) => [
      name,
      (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        Promise.resolve()
          .then(() => {
            const provider = target();
            return provider[name]!.call(provider, call.request);
          })
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
  const stop = stopWhenOrphaned("the scrums provider");
  // The provider and the model behind it are loaded by Terraform's first call, after the handshake.
  let provider: ScrumsProvider | undefined;
  const theProvider = () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (provider ??= new (require("../provider") as { ScrumsProvider: typeof ScrumsProvider }).ScrumsProvider(stop));
  const server = new grpc.Server({
    "grpc.max_receive_message_length": 256 * 1024 * 1024,
    "grpc.max_send_message_length": 256 * 1024 * 1024,
  });
  const providerService = services["tfplugin6.Provider"]!;
  server.addService(
    providerService,
    unary(() => theProvider() as unknown as Record<string, Handler>, providerService),
  );
  server.addService(services["plugin.GRPCController"]!, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      callback(null, {});
      // Answer first: Terraform waits for the reply, then for the process to end.
      setImmediate(
        () => void Promise.resolve(provider?.close()).finally(() => server.tryShutdown(() => process.exit(0))),
      );
    },
  });
  server.addService(services["plugin.GRPCBroker"]!, { StartStream: idleStream });
  server.addService(services["plugin.GRPCStdio"]!, { StreamStdio: idleStream });
  server.addService(services["grpc.health.v1.Health"]!, {
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
