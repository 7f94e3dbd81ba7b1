/**
 * The plugin's gRPC services, defined from the protocol's JSON descriptor (protobufjs's form, written
 * at build time). Each method's path and streaming come straight from the descriptor; the codecs of its
 * messages (@grpc/proto-loader over protobufjs) are built when the first message crosses, so the
 * handshake does not wait for them.
 */
import type * as grpc from "@grpc/grpc-js";
import type * as protoLoader from "@grpc/proto-loader";

/** A namespace of protobufjs's JSON descriptor: nested namespaces, and methods where it is a service. */
export interface ProtocolDescriptor {
  nested?: Record<string, ProtocolDescriptor>;
  methods?: Record<string, { requestStream?: boolean; responseStream?: boolean }>;
}

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  enums: String,
  longs: Number,
  defaults: false,
  oneofs: true,
};

/** Each service of `descriptor` by its full name (`tfplugin6.Provider`). */
export function protocolServices(descriptor: ProtocolDescriptor): Record<string, grpc.ServiceDefinition> {
  let definition: protoLoader.PackageDefinition | undefined;
  const codecs = () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (definition ??= (require("@grpc/proto-loader") as typeof protoLoader).fromJSON(descriptor, LOADER_OPTIONS));
  const codec = (service: string, method: string) => (codecs()[service] as grpc.ServiceDefinition)[method]!;

  const services: Record<string, grpc.ServiceDefinition> = {};
  const visit = (namespace: ProtocolDescriptor, prefix: string) => {
    for (const [name, child] of Object.entries(namespace.nested ?? {})) {
      const service = `${prefix}${name}`;
      if (child.methods) {
        services[service] = Object.fromEntries(
          Object.entries(child.methods).map(([method, { requestStream, responseStream }]) => [
            method,
            {
              path: `/${service}/${method}`,
              requestStream: requestStream === true,
              responseStream: responseStream === true,
              requestSerialize: (value: unknown) => codec(service, method).requestSerialize(value),
              requestDeserialize: (bytes: Buffer) => codec(service, method).requestDeserialize(bytes),
              responseSerialize: (value: unknown) => codec(service, method).responseSerialize(value),
              responseDeserialize: (bytes: Buffer) => codec(service, method).responseDeserialize(bytes),
            },
          ]),
        );
      }
      visit(child, `${service}.`);
    }
  };
  visit(descriptor, "");
  return services;
}
