/**
 * The plugin's messages to and from protocol buffers' wire format, driven by the protocol's JSON
 * descriptor (protobufjs's form, written at build time), so a provider loads no protobuf library and
 * builds no reflection objects as it starts. Objects look as @grpc/proto-loader gives them with
 * `keepCase`, `enums: String`, `longs: Number`, `defaults: false` and `oneofs: true`: snake_case
 * fields, enums by name, 64-bit integers as numbers, bytes as Buffers, a oneof's chosen field named by
 * the oneof, and no field that was not sent. It covers what the plugin's .proto files use: varint
 * scalars, strings, bytes, enums, messages, repeated fields and maps.
 */

interface FieldDescriptor {
  type: string;
  id: number;
  rule?: string;
  keyType?: string;
}

/** A namespace, message, enum or service of protobufjs's JSON descriptor. */
export interface ProtocolDescriptor {
  nested?: Record<string, ProtocolDescriptor>;
  fields?: Record<string, FieldDescriptor>;
  oneofs?: Record<string, { oneof: string[] }>;
  values?: Record<string, number>;
  methods?: Record<
    string,
    { requestType: string; responseType: string; requestStream?: boolean; responseStream?: boolean }
  >;
}

type Message = Record<string, unknown>;

const WIRE = { varint: 0, fixed64: 1, delimited: 2, fixed32: 5 } as const;

/** How one value of a field is written and read. */
interface ValueCodec {
  wire: number;
  write(writer: Writer, value: unknown): void;
  read(reader: Reader): unknown;
  /** What a map entry without its value holds. */
  empty: () => unknown;
}

interface FieldCodec {
  name: string;
  id: number;
  value: ValueCodec;
  repeated: boolean;
  key?: ValueCodec;
  oneof?: string;
}

class Writer {
  private readonly chunks: Buffer[] = [];
  private pending: number[] = [];

  varint(value: bigint | number): void {
    if (typeof value === "number" && value >= 0 && value < 2 ** 31) {
      let rest = value;
      while (rest > 0x7f) {
        this.pending.push((rest & 0x7f) | 0x80);
        rest >>>= 7;
      }
      this.pending.push(rest);
      return;
    }
    let rest = BigInt.asUintN(64, BigInt(value));
    while (rest > 0x7fn) {
      this.pending.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.pending.push(Number(rest));
  }

  key(id: number, wire: number): void {
    this.varint(id * 8 + wire);
  }

  delimited(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.flush();
    this.chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  }

  finish(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Buffer.from(this.pending));
    this.pending = [];
  }
}

class Reader {
  position = 0;
  constructor(readonly bytes: Buffer) {}

  get done(): boolean {
    return this.position >= this.bytes.length;
  }

  /** A varint as the 64 bits it carries, unsigned. */
  varint(): bigint {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (this.done) throw new Error("protocol buffer: a varint runs past the end of the message");
      const byte = this.bytes[this.position++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
  }

  /** A varint that fits 28 bits (a key or a length, nearly always) read without BigInt, else `varint`'s value. */
  count(): number {
    const start = this.position;
    let value = 0;
    for (let shift = 0; shift < 28 && !this.done; shift += 7) {
      const byte = this.bytes[this.position++]!;
      value |= (byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
    this.position = start;
    return Number(this.varint());
  }

  delimited(): Buffer {
    const length = this.count();
    const end = this.position + length;
    if (end > this.bytes.length) throw new Error("protocol buffer: a field runs past the end of the message");
    const bytes = this.bytes.subarray(this.position, end);
    this.position = end;
    return bytes;
  }

  skip(wire: number): void {
    if (wire === WIRE.varint) this.varint();
    else if (wire === WIRE.delimited) this.delimited();
    else if (wire === WIRE.fixed64) this.position += 8;
    else if (wire === WIRE.fixed32) this.position += 4;
    else throw new Error(`protocol buffer: wire type ${wire} is not supported`);
  }
}

const integer = (bits: 32 | 64, signed: boolean): Omit<ValueCodec, "empty"> => ({
  wire: WIRE.varint,
  write: (writer, value) => writer.varint(typeof value === "bigint" ? value : Number(value)),
  read: (reader) => {
    const raw = reader.varint();
    return Number(signed ? BigInt.asIntN(bits, raw) : BigInt.asUintN(bits, raw));
  },
});

const SCALARS: Record<string, ValueCodec> = {
  int32: { ...integer(32, true), empty: () => 0 },
  int64: { ...integer(64, true), empty: () => 0 },
  uint32: { ...integer(32, false), empty: () => 0 },
  uint64: { ...integer(64, false), empty: () => 0 },
  bool: {
    wire: WIRE.varint,
    write: (writer, value) => writer.varint(value ? 1 : 0),
    read: (reader) => reader.varint() !== 0n,
    empty: () => false,
  },
  string: {
    wire: WIRE.delimited,
    write: (writer, value) => writer.delimited(Buffer.from(String(value), "utf8")),
    read: (reader) => reader.delimited().toString("utf8"),
    empty: () => "",
  },
  bytes: {
    wire: WIRE.delimited,
    write: (writer, value) =>
      writer.delimited(typeof value === "string" ? Buffer.from(value, "base64") : (value as Uint8Array)),
    read: (reader) => Buffer.from(reader.delimited()),
    empty: () => Buffer.alloc(0),
  },
};

function enumCodec(values: Record<string, number>): ValueCodec {
  const names = new Map(Object.entries(values).map(([name, number]) => [number, name]));
  return {
    wire: WIRE.varint,
    write: (writer, value) => {
      const number = typeof value === "number" ? value : values[String(value)];
      if (number === undefined)
        throw new Error(`protocol buffer: ${String(value)} is not one of ${Object.keys(values).join(", ")}`);
      writer.varint(number);
    },
    read: (reader) => {
      const number = Number(BigInt.asIntN(32, reader.varint()));
      return names.get(number) ?? number;
    },
    empty: () => names.get(0) ?? 0,
  };
}

/** The messages of one descriptor: each encoded and decoded by its full name (`tfplugin6.Diagnostic`). */
export class ProtocolCodec {
  private readonly types = new Map<string, ProtocolDescriptor>();
  private readonly fields = new Map<string, FieldCodec[]>();

  constructor(descriptor: ProtocolDescriptor) {
    const index = (namespace: ProtocolDescriptor, prefix: string) => {
      for (const [name, child] of Object.entries(namespace.nested ?? {})) {
        this.types.set(`${prefix}${name}`, child);
        index(child, `${prefix}${name}.`);
      }
    };
    index(descriptor, "");
  }

  /** The full name `name` stands for when used inside `scope`, as protocol buffers resolve it: innermost scope first. */
  resolve(name: string, scope: string): string {
    for (let prefix = scope; ; prefix = prefix.slice(0, Math.max(prefix.lastIndexOf("."), 0))) {
      const candidate = prefix ? `${prefix}.${name}` : name;
      if (this.types.has(candidate)) return candidate;
      if (!prefix) throw new Error(`protocol buffer: no type ${name} in ${scope}`);
    }
  }

  encode(type: string, message: Message): Buffer {
    const writer = new Writer();
    this.write(writer, type, message);
    return writer.finish();
  }

  decode(type: string, bytes: Buffer): Message {
    return this.read(new Reader(bytes), type);
  }

  private write(writer: Writer, type: string, message: Message): void {
    for (const field of this.fieldsOf(type)) {
      const value = message[field.name];
      if (value === null || value === undefined) continue;
      if (field.key) {
        for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
          const pair = new Writer();
          pair.key(1, field.key.wire);
          field.key.write(pair, key);
          pair.key(2, field.value.wire);
          field.value.write(pair, entry);
          writer.key(field.id, WIRE.delimited);
          writer.delimited(pair.finish());
        }
      } else {
        for (const item of field.repeated ? (value as unknown[]) : [value]) {
          writer.key(field.id, field.value.wire);
          field.value.write(writer, item);
        }
      }
    }
  }

  private read(reader: Reader, type: string): Message {
    const byId = new Map(this.fieldsOf(type).map((field) => [field.id, field]));
    const message: Message = {};
    while (!reader.done) {
      const key = reader.count();
      const field = byId.get(Math.floor(key / 8));
      const wire = key % 8;
      if (!field) {
        reader.skip(wire);
      } else if (field.key) {
        const entry = new Reader(reader.delimited());
        let mapKey = field.key.empty();
        let mapValue = field.value.empty();
        while (!entry.done) {
          const entryKey = entry.count();
          if (entryKey >>> 3 === 1) mapKey = field.key.read(entry);
          else if (entryKey >>> 3 === 2) mapValue = field.value.read(entry);
          else entry.skip(entryKey % 8);
        }
        ((message[field.name] ??= {}) as Record<string, unknown>)[String(mapKey)] = mapValue;
      } else if (field.repeated) {
        const items = (message[field.name] ??= []) as unknown[];
        if (wire === WIRE.delimited && field.value.wire !== WIRE.delimited) {
          const packed = new Reader(reader.delimited());
          while (!packed.done) items.push(field.value.read(packed));
        } else {
          items.push(field.value.read(reader));
        }
      } else {
        message[field.name] = field.value.read(reader);
        if (field.oneof) {
          for (const other of this.fieldsOf(type))
            if (other.oneof === field.oneof && other !== field) delete message[other.name];
          message[field.oneof] = field.name;
        }
      }
    }
    return message;
  }

  private fieldsOf(type: string): FieldCodec[] {
    const known = this.fields.get(type);
    if (known) return known;
    const descriptor = this.types.get(type);
    if (!descriptor?.fields) throw new Error(`protocol buffer: ${type} is not a message`);
    const oneofOf = new Map(
      Object.entries(descriptor.oneofs ?? {}).flatMap(([oneof, { oneof: members }]) =>
        members.map((member) => [member, oneof] as const),
      ),
    );
    const fields = Object.entries(descriptor.fields).map(([name, field]) => ({
      name,
      id: field.id,
      value: this.valueCodec(field.type, type),
      repeated: field.rule === "repeated",
      ...(field.keyType ? { key: this.valueCodec(field.keyType, type) } : {}),
      ...(oneofOf.has(name) ? { oneof: oneofOf.get(name)! } : {}),
    }));
    this.fields.set(type, fields);
    return fields;
  }

  private valueCodec(typeName: string, scope: string): ValueCodec {
    const scalar = SCALARS[typeName];
    if (scalar) return scalar;
    if (/^(s|s?fixed)(32|64)$|^(double|float)$/.test(typeName))
      throw new Error(`protocol buffer: type ${typeName} is not supported`);
    const type = this.resolve(typeName, scope);
    const values = this.types.get(type)!.values;
    if (values) return enumCodec(values);
    return {
      wire: WIRE.delimited,
      write: (writer, value) => writer.delimited(this.encode(type, value as Message)),
      read: (reader) => this.read(new Reader(reader.delimited()), type),
      empty: () => ({}),
    };
  }
}
