// Reads a ZIP's central directory (names and declared sizes) without inflating anything: enough to
// tell a DOCX from other ZIPs and to refuse a ZIP bomb before a library inflates it.
import { openRegularFile } from "../../util/regular-file.ts";

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** True when some size is 0xFFFFFFFF (ZIP64): the real size is unknown to this reader. */
  zip64: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** The central directory, or null when the file is not a readable ZIP. */
export async function readZipDirectory(path: string): Promise<ZipDirectory | null> {
  const handle = await openRegularFile(path);
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557); // EOCD (22) + the longest comment (65,535)
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size || dirSize > 64 * 1024 * 1024) return null;
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let zip64 = count === 0xffff || dirOffset === 0xffffffff;
    let at = 0;
    while (at + 46 <= dir.length && entries.length < count) {
      if (dir.readUInt32LE(at) !== CENTRAL) return null;
      const compressedSize = dir.readUInt32LE(at + 20);
      const uncompressedSize = dir.readUInt32LE(at + 24);
      const nameLength = dir.readUInt16LE(at + 28);
      const extraLength = dir.readUInt16LE(at + 30);
      const commentLength = dir.readUInt16LE(at + 32);
      const name = dir.toString("utf8", at + 46, at + 46 + nameLength);
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) zip64 = true;
      entries.push({ name, compressedSize, uncompressedSize });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return { entries, zip64 };
  } finally {
    await handle.close();
  }
}
