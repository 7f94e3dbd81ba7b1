/**
 * The plugin's own protocol buffer codec against @grpc/proto-loader (protobufjs), which it replaces at
 * run time: each decodes what the other encodes to the same objects, for the protocol's real messages.
 */
import * as protoLoader from "@grpc/proto-loader";
import { ScrumsProvider } from "../../../provider/terraform/provider";
import { ProtocolCodec, type ProtocolDescriptor } from "../../../provider/terraform/plugin/codec";
import { protocolServices } from "../../../provider/terraform/plugin/services";
import { terraformProtocol } from "../../../scripts/build/terraform-protocol";

const OPTIONS: protoLoader.Options = { keepCase: true, enums: String, longs: Number, defaults: false, oneofs: true };

type Reference = { serialize(value: object): Buffer; deserialize(bytes: Buffer): object };

/**
 * Ours and proto-loader's codec of the same descriptor. proto-loader lists top-level messages by
 * name; a nested one (`GetProviderSchema.Response`) is found as the request or response of its method.
 */
function codecs(descriptor: ProtocolDescriptor) {
  const definition = protoLoader.fromJSON(descriptor as Parameters<typeof protoLoader.fromJSON>[0], OPTIONS);
  const ours = new ProtocolCodec(descriptor);
  const nested = new Map<string, Reference>();
  for (const service of Object.keys(protocolServices(descriptor))) {
    const scope = service.slice(0, service.lastIndexOf("."));
    const namespace = scope.split(".").reduce<ProtocolDescriptor>((at, name) => at.nested![name]!, descriptor);
    for (const [method, types] of Object.entries(namespace.nested![service.slice(scope.length + 1)]!.methods!)) {
      const loaded = (definition[service] as Record<string, protoLoader.MethodDefinition<object, object>>)[method]!;
      nested.set(ours.resolve(types.requestType, service), loaded.requestType as unknown as Reference);
      nested.set(ours.resolve(types.responseType, service), loaded.responseType as unknown as Reference);
    }
  }
  const reference = (type: string) => (definition[type] as unknown as Reference | undefined) ?? nested.get(type)!;
  return { ours, reference };
}

const protocol = codecs(terraformProtocol());

/** Both ways: ours reads proto-loader's bytes as proto-loader does, and proto-loader reads ours as its own. */
function expectSameAsReference(type: string, message: Record<string, unknown>, { ours, reference } = protocol) {
  const theirs = reference(type).serialize(message);
  const expected = reference(type).deserialize(theirs);
  expect(ours.decode(type, theirs)).toEqual(expected);
  expect(reference(type).deserialize(ours.encode(type, message))).toEqual(expected);
}

describe("the protocol buffer codec", () => {
  it("encodes and decodes the provider's schema as proto-loader does: maps, nested messages, enums, bytes, int64", () => {
    const schema = new ScrumsProvider().GetProviderSchema();
    expectSameAsReference("tfplugin6.GetProviderSchema.Response", schema);
    const decoded = protocol.ours.decode(
      "tfplugin6.GetProviderSchema.Response",
      protocol.ours.encode("tfplugin6.GetProviderSchema.Response", schema),
    );
    expect(Object.keys(decoded.resource_schemas as object)).toContain("scrums_organization");
  });

  it("names a oneof's chosen field and reads negative and large int64 values", () => {
    expectSameAsReference("tfplugin6.Diagnostic", {
      severity: "ERROR",
      summary: "Invalid api_url",
      detail: "ünïcödé detail",
      attribute: {
        steps: [
          { attribute_name: "members" },
          { element_key_int: -3 },
          { element_key_int: 2 ** 40 },
          { element_key_string: "owner" },
        ],
      },
    });
    const path = protocol.ours.decode(
      "tfplugin6.AttributePath",
      protocol.reference("tfplugin6.AttributePath").serialize({ steps: [{ element_key_int: -3 }] }),
    );
    expect(path).toEqual({ steps: [{ element_key_int: -3, selector: "element_key_int" }] });
  });

  it("reads requests as Terraform sends them: maps of strings, bytes, absent fields left out", () => {
    expectSameAsReference("tfplugin6.UpgradeResourceState.Request", {
      type_name: "scrums_workspace",
      version: 0,
      raw_state: { json: Buffer.from('{"id":"ws_1"}'), flatmap: { id: "ws_1", "tags.%": "0" } },
    });
    expectSameAsReference("tfplugin6.ConfigureProvider.Request", {
      terraform_version: "1.11.0",
      config: { msgpack: Buffer.from([0x81, 0xa1, 0x61, 0xc0]) },
      client_capabilities: { write_only_attributes_allowed: true },
    });
    expect(protocol.ours.decode("tfplugin6.DynamicValue", Buffer.alloc(0))).toEqual({});
  });

  it("speaks go-plugin's and gRPC health's messages", () => {
    expectSameAsReference("grpc.health.v1.HealthCheckResponse", { status: "SERVING" });
    expectSameAsReference("plugin.ConnInfo", { service_id: 4_000_000_000, network: "tcp", address: "127.0.0.1:1" });
    expectSameAsReference("plugin.StdioData", { channel: "STDERR", data: Buffer.from("log line") });
  });

  it("skips fields it does not know, as a newer Terraform may send them", () => {
    const known = protocol.reference("tfplugin6.DynamicValue").serialize({ json: Buffer.from("{}") });
    // Field 9 as a varint, then field 10 as three bytes.
    const unknown = Buffer.from([9 << 3, 150, 1, (10 << 3) | 2, 3, 1, 2, 3]);
    expect(protocol.ours.decode("tfplugin6.DynamicValue", Buffer.concat([unknown, known]))).toEqual({
      json: Buffer.from("{}"),
    });
  });

  it("reads repeated numbers both packed, as proto3 writes them, and one by one", () => {
    const descriptor: ProtocolDescriptor = {
      nested: { t: { nested: { Numbers: { fields: { values: { rule: "repeated", type: "int64", id: 1 } } } } } },
    };
    const { ours, reference } = codecs(descriptor);
    const packed = reference("t.Numbers").serialize({ values: [1, -2, 300] });
    expect(ours.decode("t.Numbers", packed)).toEqual({ values: [1, -2, 300] });
    expectSameAsReference("t.Numbers", { values: [1, -2, 300] }, { ours, reference });
  });

  it("refuses an enum value the protocol does not have", () => {
    expect(() => protocol.ours.encode("tfplugin6.Diagnostic", { severity: "FATAL" })).toThrow(/FATAL is not one of/);
  });
});

describe("the plugin's services", () => {
  it("carry every method of the protocol at its gRPC path, with its streaming", () => {
    const services = protocolServices(terraformProtocol());
    expect(Object.keys(services).sort()).toEqual([
      "grpc.health.v1.Health",
      "plugin.GRPCBroker",
      "plugin.GRPCController",
      "plugin.GRPCStdio",
      "tfplugin6.Provider",
    ]);
    expect(services["tfplugin6.Provider"]!.GetProviderSchema).toMatchObject({
      path: "/tfplugin6.Provider/GetProviderSchema",
      requestStream: false,
      responseStream: false,
    });
    expect(services["plugin.GRPCBroker"]!.StartStream).toMatchObject({ requestStream: true, responseStream: true });
    const check = services["grpc.health.v1.Health"]!.Check!;
    expect(check.responseDeserialize(check.responseSerialize({ status: "SERVING" }))).toEqual({ status: "SERVING" });
  });
});
