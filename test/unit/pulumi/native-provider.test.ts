/**
 * The native provider's pieces that need no platform: the wire form of properties, Check and the
 * planned states of previews, the inputs an import answers with, the migration file, function
 * arguments, and the gRPC service itself over a real connection (schema, plugin info, check).
 */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import * as rpc from "@pulumi/pulumi/proto/provider_pb";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Engine } from "../../../provider/engine";
import { KINDS } from "../../../provider/model/resources";
import { importedInputs } from "../../../provider/pulumi/native/imports";
import { invoke } from "../../../provider/pulumi/native/invoke";
import { SCHEMA } from "../../../provider/pulumi/native/main";
import { migration } from "../../../provider/pulumi/native/migrate";
import { fromStruct, toStruct } from "../../../provider/pulumi/native/properties";
import { kindOfType, NativeResources, typeOfUrn } from "../../../provider/pulumi/native/resources";
import { ScrumsResourceProvider, serve } from "../../../provider/pulumi/native/server";
import { UNKNOWN } from "../../../provider/pulumi/steps";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const noEngine = (): Engine => {
  throw new Error("no platform in a unit test");
};

describe("properties on the wire", () => {
  it("unwraps secrets, remembering which keys held one, and makes a list holding an unknown unknown", () => {
    const struct = Struct.fromJavaScript({
      saml: { entityId: "https://idp", certificate: { ...SECRET, value: "PEM" } },
      plannedSsoDomains: ["a.example.com", UNKNOWN],
      name: "Acme",
    });
    const { values, secrets } = fromStruct(struct);
    expect(values).toEqual({
      saml: { entityId: "https://idp", certificate: "PEM" },
      plannedSsoDomains: UNKNOWN,
      name: "Acme",
    });
    expect([...secrets]).toEqual(["saml"]);
  });

  it("wraps the keys named secret, and drops undefined members", () => {
    const wire = toStruct({ secrets: { token: "t" }, name: "Acme", gone: undefined }, ["secrets"]).toJavaScript();
    expect(wire).toEqual({ secrets: { ...SECRET, value: { token: "t" } }, name: "Acme" });
  });
});

describe("types and URNs", () => {
  it("names the kind of a type token or a URN, and refuses any other", () => {
    expect(kindOfType("scrums:index:WorkspaceMember")).toBe("WorkspaceMember");
    expect(typeOfUrn("urn:pulumi:dev::proj::my:Component$scrums:index:Domain::corp")).toBe("scrums:index:Domain");
    expect(() => kindOfType("scrums:index:Team")).toThrow(/has no resource type scrums:index:Team/);
  });
});

describe("Check and the planned states of previews", () => {
  const resources = new NativeResources(noEngine);

  it("fails a bad input naming the field, the reason and the allowed values; a secret field only in the reason", () => {
    const { failures } = resources.check(
      "WorkspaceMember",
      {},
      { workspaceId: "WS-26-000001", userId: "USR-26-000001", role: "boss" },
    );
    expect(failures).toEqual([{ property: "role", reason: expect.stringMatching(/admin.*member.*viewer/) }]);
    const secret = resources.check("Integration", {}, { workspaceId: "WS-26-000001", type: "github", secrets: "x" });
    expect(secret.failures).toContainEqual({ property: "", reason: expect.stringMatching(/^secrets /) });
  });

  it("previews a create with the platform's values unknown and the declared ones known", async () => {
    const { id, state } = await resources.create(
      "Workspace",
      "urn",
      { organizationId: "ORG-26-000001", name: "Home", slug: "home" },
      true,
    );
    expect(id).toBe("");
    expect(state).toMatchObject({ name: "Home", slug: "home", status: UNKNOWN, createdAt: UNKNOWN });
  });

  it("previews a role change keeping the member's userId and every other stable output known", async () => {
    const olds = {
      organizationId: "ORG-26-000001",
      email: "ann@example.com",
      role: "admin",
      userId: "USR-26-000002",
      status: "active",
      joinedAt: "2026-11-22T00:00:00Z",
      deletionPolicy: "delete",
      adoptExisting: false,
    };
    const planned = await resources.update(
      "OrganizationMember",
      "ORG-26-000001/USR-26-000002",
      olds,
      { ...olds, role: "billing" },
      true,
    );
    expect(planned).toMatchObject({
      role: "billing",
      userId: "USR-26-000002",
      status: "active",
      joinedAt: "2026-11-22T00:00:00Z",
    });
  });
});

describe("the inputs an import answers with", () => {
  it("holds every declarable value but defaults, write-only values and their hashes", () => {
    const state = {
      organizationId: "ORG-26-000001",
      domain: "acme.example.com",
      ssoEnforcement: "saml",
      saml: { entityId: "https://idp", acsUrl: "https://idp/acs", certificateSha256: "abc" },
      scimEnabled: true,
      jitProvisioningEnabled: false,
      verified: true,
      scimToken: null,
      deletionPolicy: "delete",
      adoptExisting: false,
    };
    expect(importedInputs(KINDS.Domain.fields, state)).toEqual({
      organizationId: "ORG-26-000001",
      domain: "acme.example.com",
      ssoEnforcement: "saml",
      saml: { entityId: "https://idp", acsUrl: "https://idp/acs" },
      scimEnabled: true,
    });
  });
});

describe("the migration file", () => {
  it("imports each dynamic resource by its import id under its name, and forgets dependents first", () => {
    const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
    const stack = urn("pulumi:pulumi:Stack", "p-dev");
    const { importFile, forget } = migration({
      deployment: {
        resources: [
          { urn: stack, type: "pulumi:pulumi:Stack" },
          {
            urn: urn("pulumi-nodejs:dynamic/scrums:Organization", "org"),
            type: "pulumi-nodejs:dynamic/scrums:Organization",
            id: "ORG-1",
            parent: stack,
          },
          {
            urn: urn("pulumi-nodejs:dynamic/scrums:Domain", "dom"),
            type: "pulumi-nodejs:dynamic/scrums:Domain",
            id: "DOM-1",
            parent: stack,
            outputs: { organizationId: "ORG-1" },
          },
        ],
      },
    });
    expect(importFile).toEqual({
      resources: [
        { type: "scrums:index:Organization", name: "org", id: "ORG-1" },
        { type: "scrums:index:Domain", name: "dom", id: "ORG-1/DOM-1" },
      ],
    });
    expect(forget).toEqual([
      urn("pulumi-nodejs:dynamic/scrums:Domain", "dom"),
      urn("pulumi-nodejs:dynamic/scrums:Organization", "org"),
    ]);
  });
});

describe("function arguments", () => {
  it("asks for an id or the lookup keys, before anything is sent", async () => {
    const none = await invoke(noEngine, "scrums:index:getWorkspace", { slug: "home" });
    expect(none.failures).toEqual([{ property: "", reason: "give either id or organizationId and slug" }]);
    const roles = await invoke(noEngine, "scrums:index:getRoles", {});
    expect(roles.failures).toEqual([{ property: "organizationId", reason: "is required" }]);
    await expect(invoke(noEngine, "scrums:index:getTeam", {})).rejects.toThrow(/no function scrums:index:getTeam/);
  });
});

describe("the gRPC service", () => {
  const schema = readFileSync(path.join(__dirname, "../../../schema.json"), "utf8");
  let server: grpc.Server;
  let client: ResourceProviderClient;

  beforeAll(async () => {
    const served = await serve(new ScrumsResourceProvider({ schema, version: "1.2.3" }));
    server = served.server;
    client = new ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  const call = <Req, Res>(
    method: (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown,
    request: Req,
  ) =>
    new Promise<Res>((resolve, reject) =>
      method.call(client, request, (error, response) => (error ? reject(error) : resolve(response))),
    );

  it("builds in schema.json byte for byte", () => {
    expect(SCHEMA).toBe(schema);
  });

  it("serves schema.json and the package version", async () => {
    const got = await call<rpc.GetSchemaRequest, rpc.GetSchemaResponse>(client.getSchema, new rpc.GetSchemaRequest());
    expect(got.getSchema()).toBe(schema);
    const info = await call<Empty, PluginInfo>(client.getPluginInfo, new Empty());
    expect(info.getVersion()).toBe("1.2.3");
  });

  it("accepts secrets and previews", async () => {
    const configured = await call<rpc.ConfigureRequest, rpc.ConfigureResponse>(
      client.configure,
      new rpc.ConfigureRequest().setArgs(Struct.fromJavaScript({ apiUrl: "http://127.0.0.1:1" })),
    );
    expect([configured.getAcceptsecrets(), configured.getSupportspreview()]).toEqual([true, true]);
  });

  it("checks a declaration over the wire, keeping a secret input secret", async () => {
    const request = new rpc.CheckRequest()
      .setUrn("urn:pulumi:dev::p::scrums:index:Integration::int")
      .setType("scrums:index:Integration")
      .setOlds(Struct.fromJavaScript({}))
      .setNews(
        Struct.fromJavaScript({
          workspaceId: "WS-26-000001",
          type: "github",
          config: { org: "acme" },
          secrets: { webhook_secret: "s" },
        }),
      );
    const checked = await call<rpc.CheckRequest, rpc.CheckResponse>(client.check, request);
    expect(checked.getFailuresList()).toEqual([]);
    expect(checked.getInputs()!.toJavaScript().secrets).toEqual({ ...SECRET, value: { webhook_secret: "s" } });
  });

  it("aborts a call in flight on Cancel", async () => {
    // A platform that takes the request and never answers.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      await call<rpc.ConfigureRequest, rpc.ConfigureResponse>(
        client.configure,
        new rpc.ConfigureRequest().setArgs(
          Struct.fromJavaScript({ apiUrl: `http://127.0.0.1:${port}`, apiToken: "t" }),
        ),
      );
      const create = call<rpc.CreateRequest, rpc.CreateResponse>(
        client.create,
        new rpc.CreateRequest()
          .setUrn("urn:pulumi:dev::p::scrums:index:Organization::org")
          .setType("scrums:index:Organization")
          .setProperties(Struct.fromJavaScript({ name: "Acme", slug: "acme" })),
      ).then(
        () => "created",
        (error: Error) => error.message,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await call<Empty, Empty>(client.cancel, new Empty());
      expect(await create).toMatch(/cancelled/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("fails the CheckConfig of an address that is no URL, naming apiUrl", async () => {
    const checked = await call<rpc.CheckRequest, rpc.CheckResponse>(
      client.checkConfig,
      new rpc.CheckRequest()
        .setUrn("urn:pulumi:dev::p::pulumi:providers:scrums::default")
        .setNews(Struct.fromJavaScript({ apiUrl: "api.example" })),
    );
    expect(checked.getFailuresList().map((failure) => failure.getProperty())).toEqual(["apiUrl"]);
  });
});
