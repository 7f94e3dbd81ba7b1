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

function localHeader(name: Buffer, crc: number, compressed: number, size: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(0, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(compressed, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

function centralHeader(name: Buffer, crc: number, compressed: number, size: number, mode: number, offset: number) {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY, 4);
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(0, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(crc, 16);
  header.writeUInt32LE(compressed, 20);
  header.writeUInt32LE(size, 24);
  header.writeUInt16LE(name.length, 28);
  // Extra field, comment, disk number and internal attributes: all zero.
  header.writeUInt32LE(((REGULAR_FILE | mode) << 16) >>> 0, 38);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, name]);
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
    const name = Buffer.from(file.name, "utf8");
    const compressed = deflateRawSync(file.data, { level: 9 });
    const crc = crc32(file.data);
    const header = localHeader(name, crc, compressed.length, file.data.length);
    local.push(header, compressed);
    central.push(centralHeader(name, crc, compressed.length, file.data.length, file.mode, offset));
    offset += header.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...local, directory, endOfCentralDirectory(central.length, directory.length, offset)]);
}
