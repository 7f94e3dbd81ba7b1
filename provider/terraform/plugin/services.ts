/**
 * The plugin's gRPC services, defined from the protocol's JSON descriptor: each method's path and
 * streaming come straight from it, and its messages are encoded and decoded by `ProtocolCodec`, which
 * prepares a message type when the first one crosses, so the handshake waits for none of them.
 */
import type * as grpc from "@grpc/grpc-js";
import { ProtocolCodec, type ProtocolDescriptor } from "./codec";

/** Each service of `descriptor` by its full name (`tfplugin6.Provider`). */
export function protocolServices(descriptor: ProtocolDescriptor): Record<string, grpc.ServiceDefinition> {
  const codec = new ProtocolCodec(descriptor);
  const services: Record<string, grpc.ServiceDefinition> = {};
  const visit = (namespace: ProtocolDescriptor, prefix: string) => {
    for (const [name, child] of Object.entries(namespace.nested ?? {})) {
      const service = `${prefix}${name}`;
      if (child.methods) {
        services[service] = Object.fromEntries(
          Object.entries(child.methods).map(
            ([method, { requestType, responseType, requestStream, responseStream }]) => {
              const request = () => codec.resolve(requestType, service);
              const response = () => codec.resolve(responseType, service);
              const definition: grpc.MethodDefinition<Record<string, unknown>, Record<string, unknown>> = {
                path: `/${service}/${method}`,
                requestStream: requestStream === true,
                responseStream: responseStream === true,
                requestSerialize: (value) => codec.encode(request(), value),
                requestDeserialize: (bytes) => codec.decode(request(), bytes),
                responseSerialize: (value) => codec.encode(response(), value),
                responseDeserialize: (bytes) => codec.decode(response(), bytes),
              };
              return [method, definition];
            },
          ),
        );
      }
      visit(child, `${service}.`);
    }
  };
  visit(descriptor, "");
  return services;
}
