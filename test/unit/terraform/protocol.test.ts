/** The Terraform provider's wire pieces: cty values in msgpack and JSON, and the AutoMTLS certificate. */
import { X509Certificate } from "node:crypto";
import { selfSignedCertificate } from "../../../provider/terraform/plugin/certificate";
import {
  type CtyType,
  decodeValue,
  Dynamic,
  encodeValue,
  fromJson,
  plain,
  UNKNOWN,
} from "../../../provider/terraform/protocol/cty";

const TYPE: CtyType = [
  "object",
  {
    name: "string",
    count: "number",
    on: "bool",
    tags: ["list", "string"],
    labels: ["map", "string"],
    config: "dynamic",
  },
];

describe("cty values in msgpack", () => {
  it("round-trips an object with every attribute, nulls and unknowns included", () => {
    const value = { name: "acme", count: 3, on: true, tags: ["a", "b"], labels: { team: "core" }, config: null };
    expect(decodeValue(encodeValue(value, TYPE), TYPE)).toEqual(value);
    const withUnknowns = { name: UNKNOWN, count: null, on: false, tags: [UNKNOWN], labels: null, config: UNKNOWN };
    expect(decodeValue(encodeValue(withUnknowns, TYPE), TYPE)).toEqual(withUnknowns);
  });

  it("writes every attribute of an object type, absent ones as null", () => {
    expect(decodeValue(encodeValue({ name: "only" }, TYPE), TYPE)).toEqual({
      name: "only",
      count: null,
      on: null,
      tags: null,
      labels: null,
      config: null,
    });
  });

  it("keeps the type Terraform gave a dynamic value, and infers an HCL literal's type otherwise", () => {
    const listTyped = new Dynamic(["object", { repositories: ["list", "string"] }], { repositories: ["api"] });
    const decoded = decodeValue(encodeValue({ config: listTyped }, TYPE), TYPE) as { config: Dynamic };
    expect(decoded.config.type).toEqual(["object", { repositories: ["list", "string"] }]);
    const inferred = decodeValue(encodeValue({ config: { org: "acme", ids: [1, 2] } }, TYPE), TYPE) as {
      config: Dynamic;
    };
    expect(inferred.config.type).toEqual(["object", { org: "string", ids: ["tuple", ["number", "number"]] }]);
    expect(plain(inferred.config)).toEqual({ org: "acme", ids: [1, 2] });
  });

  it("reads a refined unknown (extension 12) as unknown", () => {
    // {"name": fixext1 of type 12 carrying an empty refinement map}
    const refined = Uint8Array.from([0x81, 0xa4, ...Buffer.from("name"), 0xd4, 0x0c, 0x80]);
    expect(decodeValue(refined, ["object", { name: "string" }])).toEqual({ name: UNKNOWN });
  });

  it("reads Terraform's JSON state, where a dynamic value carries its type", () => {
    const state = {
      name: "acme",
      count: 1,
      on: false,
      tags: [],
      labels: {},
      config: { value: { org: "acme" }, type: ["object", { org: "string" }] },
    };
    const read = fromJson(state, TYPE) as { config: Dynamic };
    expect(read.config).toEqual(new Dynamic(["object", { org: "string" }], { org: "acme" }));
  });
});

describe("the AutoMTLS certificate", () => {
  it("is a self-signed CA certificate for localhost, for server and client authentication", () => {
    const made = selfSignedCertificate();
    const certificate = new X509Certificate(made.der);
    expect(certificate.checkHost("localhost")).toBe("localhost");
    expect(certificate.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(certificate.ca).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.keyUsage).toEqual(expect.arrayContaining(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]));
    expect(new X509Certificate(made.certificatePem).fingerprint256).toBe(certificate.fingerprint256);
  });

  it("encodes its serial number minimally, whatever the random bytes", () => {
    for (let i = 0; i < 50; i++) expect(() => new X509Certificate(selfSignedCertificate().der)).not.toThrow();
  });
});
