// One open journal: an fd opened for appending, written with writeSync so that a record is in the
// OS page cache (and survives `kill -9`) before the caller shows it to anyone. No fsync per record:
// a power loss may lose the last moments of a conversation, which replay then reads as a torn tail.
// Whole-file writes (creation, compaction) go to a temporary file, are fsynced, and are renamed
// over the journal, so a crash leaves either the old file or the new one.
import { closeSync, fsyncSync, ftruncateSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { encodeLines } from "./journal-format.ts";

/** Journals hold private chats: readable by their owner only. */
const FILE_MODE = 0o600;
export const TMP_SUFFIX = ".tmp";

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
}

function writeWholeFile(path: string, lines: readonly unknown[]): number {
  const data = Buffer.from(encodeLines(lines), "utf8");
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}${TMP_SUFFIX}`;
  try {
    const fd = openSync(tmp, "w", FILE_MODE);
    try {
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return data.length;
}

export class JournalFile {
  private fd: number | null;

  private constructor(
    readonly path: string,
    fd: number,
    private bytes: number,
    private lineCount: number,
  ) {
    this.fd = fd;
  }

  /** Writes a new journal atomically and opens it for appending. */
  static create(path: string, lines: readonly unknown[]): JournalFile {
    const bytes = writeWholeFile(path, lines);
    return new JournalFile(path, openSync(path, "a", FILE_MODE), bytes, lines.length);
  }

  /**
   * Opens an existing journal for appending after cutting whatever follows its last valid line
   * (a torn write) and ending that line with "\n" if it lacks one.
   */
  static openForAppend(path: string, replay: { validBytes: number; missingNewline: boolean; lines: number }): JournalFile {
    const fd = openSync(path, "a", FILE_MODE);
    try {
      ftruncateSync(fd, replay.validBytes);
      let bytes = replay.validBytes;
      if (replay.missingNewline) {
        writeAll(fd, Buffer.from("\n"));
        bytes += 1;
      }
      return new JournalFile(path, fd, bytes, replay.lines);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  get lines(): number {
    return this.lineCount;
  }

  get isOpen(): boolean {
    return this.fd !== null;
  }

  /**
   * Appends records in one write. If the write fails part-way (disk full), the file is cut back
   * to where it was, so that no half record stays in the middle of the journal.
   */
  append(records: readonly unknown[]): void {
    const fd = this.requireFd();
    const data = Buffer.from(encodeLines(records), "utf8");
    try {
      writeAll(fd, data);
    } catch (err) {
      try {
        ftruncateSync(fd, this.bytes);
      } catch {
        // Cannot repair now: close, so the next use replays the file and drops the torn tail.
        this.close();
      }
      throw err;
    }
    this.bytes += data.length;
    this.lineCount += records.length;
  }

  /** Replaces the whole journal atomically (compaction) and goes on appending to the new file. */
  rewrite(lines: readonly unknown[]): void {
    this.requireFd();
    const bytes = writeWholeFile(this.path, lines);
    this.close();
    this.fd = openSync(this.path, "a", FILE_MODE);
    this.bytes = bytes;
    this.lineCount = lines.length;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }

  private requireFd(): number {
    if (this.fd === null) throw new Error(`journal ${this.path} is closed`);
    return this.fd;
  }
}
