/**
 * A zip archive written byte for byte the same from the same files: fixed order, a fixed timestamp,
 * fixed permissions, files only (no directory entries, which Terraform would hash too).
 */
import { crc32, deflateRawSync } from "node:zlib";

export interface ArchiveFile {
  name: string;
  data: Buffer;
  /** Unix permission bits, 0o755 for an executable. */
  mode: number;
}

const DEFLATE = 8;
const VERSION_NEEDED = 20;
/** Made on Unix (3), so unzip tools and Terraform read the permissions from the external attributes. */
const MADE_BY = (3 << 8) | VERSION_NEEDED;
/** 1980-01-01 00:00:00, the first time MS-DOS dates can hold. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const REGULAR_FILE = 0o100000;

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
}

/** The fields local and central headers share, from "version needed" to the name's length, at `offset`. */
function writeSharedFields(header: Buffer, offset: number, entry: Entry): void {
  header.writeUInt16LE(VERSION_NEEDED, offset);
  header.writeUInt16LE(0, offset + 2);
  header.writeUInt16LE(DEFLATE, offset + 4);
  header.writeUInt16LE(DOS_TIME, offset + 6);
  header.writeUInt16LE(DOS_DATE, offset + 8);
  header.writeUInt32LE(entry.crc, offset + 10);
  header.writeUInt32LE(entry.compressed, offset + 14);
  header.writeUInt32LE(entry.size, offset + 18);
  header.writeUInt16LE(entry.name.length, offset + 22);
}

function localHeader(entry: Entry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  writeSharedFields(header, 4, entry);
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: Entry, mode: number, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY, 4);
  writeSharedFields(header, 6, entry);
  // Extra field, comment, disk number and internal attributes: all zero.
  header.writeUInt32LE(((REGULAR_FILE | mode) << 16) >>> 0, 38);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

/** The archive of `files`, sorted by name. Without Zip64: each file and the whole stay under 4 GiB. */
export function zipArchive(files: ArchiveFile[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const compressed = deflateRawSync(file.data, { level: 9 });
    const entry = {
      name: Buffer.from(file.name, "utf8"),
      crc: crc32(file.data),
      compressed: compressed.length,
      size: file.data.length,
    };
    const header = localHeader(entry);
    local.push(header, compressed);
    central.push(centralHeader(entry, file.mode, offset));
    offset += header.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...local, directory, endOfCentralDirectory(central.length, directory.length, offset)]);
}
