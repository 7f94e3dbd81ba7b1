/**
 * Property values between Pulumi's wire form (a protobuf Struct where a secret is an object carrying
 * the secret signature and an unknown is a sentinel string) and the engine's plain values.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { type Fields, holdsSecret, type Values } from "../../model/resources";
import { UNKNOWN } from "../steps";

const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export interface Properties {
  values: Values;
  /** Top-level keys holding a secret anywhere inside them. */
  secrets: Set<string>;
}

const isSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Values)[SIGNATURE_KEY] === SECRET_SIGNATURE;

/** A value without its secret wrappers; whether it had one. A list holding an unknown is unknown as a whole. */
function unwrap(value: unknown): { value: unknown; secret: boolean } {
  if (isSecret(value)) return { value: unwrap(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(unwrap);
    const plain = items.map((item) => item.value);
    return { value: plain.includes(UNKNOWN) ? UNKNOWN : plain, secret: items.some((item) => item.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const members = Object.entries(value).map(([key, member]) => [key, unwrap(member)] as const);
    return {
      value: Object.fromEntries(members.map(([key, member]) => [key, member.value])),
      secret: members.some(([, member]) => member.secret),
    };
  }
  return { value, secret: false };
}

export function fromStruct(struct: Struct | undefined): Properties {
  const values: Values = {};
  const secrets = new Set<string>();
  for (const [key, raw] of Object.entries(struct?.toJavaScript() ?? {})) {
    const { value, secret } = unwrap(raw);
    values[key] = value;
    if (secret) secrets.add(key);
  }
  return { values, secrets };
}

/** Drops undefined members, which a Struct cannot hold. */
const defined = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(defined);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .map(([key, member]) => [key, defined(member)]),
    );
  return value;
};

/** Keys of `fields` whose values are secrets anywhere inside them. */
export const secretKeys = (fields: Fields): string[] =>
  Object.entries(fields)
    .filter(([, spec]) => holdsSecret(spec))
    .map(([name]) => name);

/** A Struct of `values`, each key of `secrets` (and every key the model calls secret) wrapped as a secret. */
export function toStruct(values: Values, secrets: Iterable<string> = []): Struct {
  const secret = new Set(secrets);
  const wire = Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [
        key,
        secret.has(key) && value !== null
          ? { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: defined(value) }
          : defined(value),
      ]),
  );
  return Struct.fromJavaScript(wire as Parameters<typeof Struct.fromJavaScript>[0]);
}
