/** A gzipped tar archive written byte for byte the same from the same files: fixed order, owner, time and permissions. */
import { gzipSync } from "node:zlib";
import type { ArchiveFile } from "./zip";

const BLOCK = 512;

const octal = (value: number, width: number) => `${value.toString(8).padStart(width - 1, "0")}\0`;

function header(file: ArchiveFile): Buffer {
  const block = Buffer.alloc(BLOCK);
  const field = (text: string, offset: number) => block.write(text, offset, "ascii");
  if (Buffer.byteLength(file.name) > 100) throw new Error(`tar: name longer than 100 bytes: ${file.name}`);
  field(file.name, 0);
  field(octal(file.mode, 8), 100);
  field(octal(0, 8), 108);
  field(octal(0, 8), 116);
  field(octal(file.data.length, 12), 124);
  field(octal(0, 12), 136);
  field("0", 156);
  field("ustar\0", 257);
  field("00", 263);
  // The checksum is computed with its own field as spaces.
  field("        ", 148);
  let sum = 0;
  for (const byte of block) sum += byte;
  field(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return block;
}

/** The .tar.gz of `files`, sorted by name, owned by uid and gid 0, dated 1970-01-01. */
export function tarGzArchive(files: ArchiveFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    parts.push(header(file), file.data, Buffer.alloc((BLOCK - (file.data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}
