/**
 * Terraform's values on the wire: cty types in their JSON form, and the msgpack encoding of values of
 * those types, with unknown values and the type-tagged encoding of `dynamic` attributes.
 */
import { decode as decodeMsgpack, encode as encodeMsgpack, ExtData } from "@msgpack/msgpack";

export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | ["list" | "set" | "map", CtyType]
  | ["object", Record<string, CtyType>]
  | ["tuple", CtyType[]];

/** A value not known until apply. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export const isUnknown = (value: unknown): value is typeof UNKNOWN => value === UNKNOWN;

/**
 * The value of a `dynamic` attribute with the type Terraform gave it, so that a value handed back
 * unchanged keeps its exact type (a list stays a list, not a tuple).
 */
export class Dynamic {
  constructor(
    readonly type: CtyType,
    readonly value: unknown,
  ) {}
}

// cty encodes an unknown as an extension value: type 0 (fixext 1), or type 12 carrying refinements.
const UNKNOWN_EXT = new ExtData(0, new Uint8Array([0]));

type DynamicForm = (raw: unknown) => { type: CtyType; value: unknown };

/** msgpack tags a dynamic value with its type: `[type JSON bytes, value]`. */
const msgpackDynamic: DynamicForm = (raw) => {
  const [typeJson, value] = raw as [Uint8Array, unknown];
  return { type: JSON.parse(Buffer.from(typeJson).toString("utf8")) as CtyType, value };
};

/** Terraform's JSON state writes a dynamic value as `{"value": …, "type": …}`. */
const jsonDynamic: DynamicForm = (raw) => raw as { type: CtyType; value: unknown };

function read(raw: unknown, type: CtyType, dynamic: DynamicForm): unknown {
  if (raw instanceof ExtData) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (type === "dynamic") {
    const tagged = dynamic(raw);
    return new Dynamic(tagged.type, read(tagged.value, tagged.type, dynamic));
  }
  if (typeof type === "string") return typeof raw === "bigint" ? Number(raw) : raw;
  const [shape, inner] = type;
  switch (shape) {
    case "list":
    case "set":
      return (raw as unknown[]).map((item) => read(item, inner as CtyType, dynamic));
    case "tuple":
      return (raw as unknown[]).map((item, i) => read(item, (inner as CtyType[])[i]!, dynamic));
    case "map":
      return Object.fromEntries(Object.entries(raw as object).map(([k, v]) => [k, read(v, inner as CtyType, dynamic)]));
    case "object":
      return Object.fromEntries(
        Object.entries(inner as Record<string, CtyType>).map(([name, member]) => [
          name,
          read((raw as Record<string, unknown>)[name], member, dynamic),
        ]),
      );
  }
}

/** The cty type a plain value would have had as an HCL literal. */
export function typeOf(value: unknown): CtyType {
  if (value instanceof Dynamic) return value.type;
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return ["tuple", value.map(typeOf)];
  if (value && typeof value === "object") {
    return ["object", Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeOf(v)]))];
  }
  return "dynamic";
}

function toWire(value: unknown, type: CtyType): unknown {
  if (isUnknown(value)) return UNKNOWN_EXT;
  if (type === "dynamic") {
    if (value === null || value === undefined) return null;
    const actual = typeOf(value);
    const inner = value instanceof Dynamic ? value.value : value;
    return [new TextEncoder().encode(JSON.stringify(actual)), toWire(inner, actual)];
  }
  if (value === null || value === undefined) return null;
  if (value instanceof Dynamic) return toWire(value.value, type);
  if (typeof type === "string") return value;
  const [shape, inner] = type;
  switch (shape) {
    case "list":
    case "set":
      return (value as unknown[]).map((item) => toWire(item, inner as CtyType));
    case "tuple":
      return (value as unknown[]).map((item, i) => toWire(item, (inner as CtyType[])[i]!));
    case "map":
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toWire(v, inner as CtyType)]));
    case "object":
      return Object.fromEntries(
        Object.entries(inner as Record<string, CtyType>).map(([name, member]) => [
          name,
          toWire((value as Record<string, unknown>)[name], member),
        ]),
      );
  }
}

export const decodeValue = (bytes: Uint8Array, type: CtyType): unknown =>
  bytes.length === 0 ? null : read(decodeMsgpack(bytes, { useBigInt64: true }), type, msgpackDynamic);

export const encodeValue = (value: unknown, type: CtyType): Uint8Array => encodeMsgpack(toWire(value, type));

/** Reads a value from Terraform's JSON state (a state to upgrade). */
export const fromJson = (raw: unknown, type: CtyType): unknown => read(raw, type, jsonDynamic);

/** The value as plain data: dynamic wrappers removed, unknowns kept. */
export function plain(value: unknown): unknown {
  if (value instanceof Dynamic) return plain(value.value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Whether the value holds an unknown anywhere. */
export function hasUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (value instanceof Dynamic) return hasUnknown(value.value);
  if (value && typeof value === "object") return Object.values(value).some(hasUnknown);
  return false;
}
