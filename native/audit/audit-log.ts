// The audit log: one append-only JSONL file, each record chained to the one before (chain.ts).
// Appends are synchronous and fsynced, one at a time, so records are in the order things happened
// and survive a crash; a `kill -9` mid-write leaves at most a torn last line, which the next open
// owns up to with an `audit.torn-line` record (never dropped in silence). `audit.head.json` keeps the
// last record's number and hash so that records cut off the end are found too.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { AuditRecord, AuditVerification } from "../contract/audit.ts";
import { parseAll, scanChain, seal, type ChainHead } from "./chain.ts";

export const AUDIT_FILE = "audit.jsonl";
const HEAD_FILE = "audit.head.json";
const Head = z.object({ seq: z.number().int(), hash: z.string() });

/** What other parts of Enclave (the API server, the shell) are given to write records. */
export interface AuditRecorder {
  record(type: string, data?: Record<string, unknown>): void;
}

export class AuditLog implements AuditRecorder {
  readonly folder: string;
  readonly path: string;
  readonly enabled: boolean;
  #fd: number | null = null;
  #seq = 0;
  #prev = "";
  #onError: (err: unknown) => void;

  private constructor(folder: string, enabled: boolean, onError: (err: unknown) => void) {
    this.folder = folder;
    this.path = join(folder, AUDIT_FILE);
    this.enabled = enabled;
    this.#onError = onError;
  }

  /** A log that records nothing (policy turned auditing off). */
  static disabled(folder: string): AuditLog {
    return new AuditLog(folder, false, () => undefined);
  }

  static open(folder: string, options: { onError?: (err: unknown) => void } = {}): AuditLog {
    const log = new AuditLog(folder, true, options.onError ?? ((err) => process.stderr.write(`enclave: audit log: ${(err as Error).message}\n`)));
    log.#openFile();
    return log;
  }

  #openFile(): void {
    mkdirSync(this.folder, { recursive: true });
    const text = existsSync(this.path) ? readFileSync(this.path, "utf8") : "";
    const savedHead = this.#readHead();
    const scan = scanChain(text, savedHead);
    const lastInFile = lastParsed(scan.records, text);
    this.#seq = Math.max(lastInFile?.seq ?? 0, savedHead?.seq ?? 0);
    this.#prev = lastInFile?.hash ?? scan.head.hash;
    this.#fd = openSync(this.path, "a");
    if (scan.tornTail) {
      // End the cut line so the next record starts on its own, and say which line it was.
      writeSync(this.#fd, "\n");
      this.record("audit.torn-line", { line: text.split("\n").length });
    }
    const tampering = scan.problems.filter((p) => p.kind !== "torn");
    if (tampering.length) this.record("audit.chain-broken", { problems: tampering });
  }

  #readHead(): ChainHead | null {
    try {
      const parsed = Head.safeParse(JSON.parse(readFileSync(join(this.folder, HEAD_FILE), "utf8")));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Appends one record (fsynced). Never throws: a failing disk is reported, not fatal to a feature. */
  record(type: string, data: Record<string, unknown> = {}): void {
    if (!this.enabled || this.#fd === null) return;
    try {
      const rec = seal({ seq: this.#seq + 1, ts: new Date().toISOString(), type, data: toPlain(data), prev: this.#prev });
      writeSync(this.#fd, JSON.stringify(rec) + "\n");
      fsyncSync(this.#fd);
      this.#seq = rec.seq;
      this.#prev = rec.hash;
      const tmp = join(this.folder, `${HEAD_FILE}.tmp`);
      writeFileSync(tmp, JSON.stringify({ seq: rec.seq, hash: rec.hash }));
      renameSync(tmp, join(this.folder, HEAD_FILE));
    } catch (err) {
      this.#onError(err);
    }
  }

  /** Newest first; every readable record, also past a break in the chain (verify says where). */
  list(options: { limit: number; before?: number }): AuditRecord[] {
    const records = parseAll(existsSync(this.path) ? readFileSync(this.path, "utf8") : "");
    const older = options.before === undefined ? records : records.filter((r) => r.seq < options.before!);
    return older.slice(-options.limit).reverse();
  }

  verify(): AuditVerification {
    const scan = this.#scan();
    // A torn line (a crash mid-write) is listed but does not break the chain; anything else does.
    return { ok: scan.problems.every((p) => p.kind === "torn"), path: this.path, records: scan.records.length, problems: scan.problems };
  }

  async export(target: string): Promise<{ path: string; verificationPath: string; verification: AuditVerification }> {
    const verification = this.verify();
    await mkdir(dirname(target), { recursive: true });
    if (existsSync(this.path)) await copyFile(this.path, target);
    else await writeFile(target, "");
    const verificationPath = `${target}.verification.json`;
    await writeFile(verificationPath, JSON.stringify({ exportedAt: new Date().toISOString(), head: this.#readHead(), ...verification }, null, 2) + "\n");
    return { path: target, verificationPath, verification };
  }

  #scan() {
    const text = existsSync(this.path) ? readFileSync(this.path, "utf8") : "";
    return scanChain(text, this.#readHead());
  }

  /** Deletes the log and its head, and starts a new chain (the user deleted their data, as the
   *  policy allows). */
  reset(): void {
    this.close();
    rmSync(this.path, { force: true });
    rmSync(join(this.folder, HEAD_FILE), { force: true });
    this.#seq = 0;
    this.#prev = "";
    if (this.enabled) this.#openFile();
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}

/** The last line of the file that parses as a record, even past a break in the chain. */
function lastParsed(intact: AuditRecord[], text: string): { seq: number; hash: string } | null {
  const lines = text.split("\n").filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const value = JSON.parse(lines[i]!) as { seq?: unknown; hash?: unknown };
      if (typeof value.seq === "number" && typeof value.hash === "string") return { seq: value.seq, hash: value.hash };
    } catch {
      // a torn line: look further up
    }
  }
  return intact.at(-1) ?? null;
}

/** Records hold JSON only (no undefined, Dates become strings), so their hash is reproducible. */
function toPlain(data: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
