// The hash chain, as pure functions. Each record's hash is the SHA-256 of its canonical JSON
// (RFC 8785: sorted keys, fixed number forms) without the hash itself; `prev` is the previous
// record's hash, starting from a stated genesis of 64 zeros. Verification walks the lines and
// names the first one that breaks the chain and how (edited, removed, reordered, truncated, torn).
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { AuditRecord, type AuditProblem } from "../contract/audit.ts";

export const GENESIS = "0".repeat(64);

export type UnsealedRecord = Omit<AuditRecord, "hash">;

export function hashRecord(record: UnsealedRecord): string {
  const { seq, ts, type, data, prev } = record;
  const canonical = canonicalize({ seq, ts, type, data, prev });
  if (canonical === undefined) throw new Error("An audit record could not be serialised.");
  return createHash("sha256").update(canonical).digest("hex");
}

export function seal(record: UnsealedRecord): AuditRecord {
  return { ...record, hash: hashRecord(record) };
}

/** The last record's position, kept beside the log so that cutting records off its end is seen. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface ChainScan {
  records: AuditRecord[];
  problems: AuditProblem[];
  /** The last intact record (what the next append chains from). */
  head: ChainHead;
  /** The file ends without a newline: the last line was cut short by a crash mid-write. */
  tornTail: boolean;
}

/**
 * Walks the log's text. A line that is not a record is `torn` when it is the unterminated last
 * line or is followed by an `audit.torn-line` record that owns up to it, else `malformed`.
 */
export function scanChain(text: string, expectedHead?: ChainHead | null): ChainScan {
  const records: AuditRecord[] = [];
  const problems: AuditProblem[] = [];
  const tornTail = text.length > 0 && !text.endsWith("\n");
  const lines = text.split("\n");
  if (!tornTail) lines.pop(); // the empty string after the final newline
  let head: ChainHead = { seq: 0, hash: GENESIS };
  const acknowledged = new Set<number>();

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const record = parseRecord(raw);
    if (!record) {
      const isTail = tornTail && i === lines.length - 1;
      if (isTail || acknowledged.has(lineNo) || nextAcknowledges(lines, i)) {
        problems.push({ line: lineNo, kind: "torn", message: `Line ${lineNo} is an incomplete record (the app stopped mid-write)${isTail ? "" : "; the log continues after it"}.` });
        continue;
      }
      problems.push({ line: lineNo, kind: "malformed", message: `Line ${lineNo} is not an audit record.` });
      return { records, problems, head, tornTail };
    }
    if (record.type === "audit.torn-line" && typeof record.data.line === "number") acknowledged.add(record.data.line);
    const problem = chainProblem(record, head, lineNo);
    if (problem) {
      problems.push(problem);
      return { records, problems, head, tornTail };
    }
    records.push(record);
    head = { seq: record.seq, hash: record.hash };
  }
  if (expectedHead && expectedHead.seq > head.seq) {
    problems.push({
      line: lines.length + 1,
      kind: "truncated",
      message: `The log ends at record ${head.seq} but record ${expectedHead.seq} was written: records ${head.seq + 1}–${expectedHead.seq} are missing from its end.`,
    });
  } else if (expectedHead && expectedHead.seq === head.seq && expectedHead.hash !== head.hash) {
    problems.push({ line: lines.length, kind: "edited", message: `The last record (${head.seq}) is not the one that was written.` });
  }
  return { records, problems, head, tornTail };
}

function chainProblem(record: AuditRecord, head: ChainHead, line: number): AuditProblem | null {
  if (hashRecord(record) !== record.hash) return { line, kind: "edited", message: `Record ${record.seq} on line ${line} was changed after it was written (its hash does not match).` };
  if (record.seq === head.seq + 1 && record.prev === head.hash) return null;
  if (record.seq <= head.seq) return { line, kind: "reordered", message: `Record ${record.seq} on line ${line} comes after record ${head.seq}: records are out of order.` };
  if (record.seq > head.seq + 1) {
    const missing = record.seq - head.seq - 1;
    return { line, kind: "removed", message: `${missing === 1 ? `Record ${head.seq + 1} is` : `Records ${head.seq + 1}–${record.seq - 1} are`} missing before line ${line}.` };
  }
  return { line, kind: "edited", message: `Record ${record.seq} on line ${line} does not follow record ${head.seq} (its previous-hash differs): a record before it was replaced.` };
}

function nextAcknowledges(lines: string[], index: number): boolean {
  for (let j = index + 1; j < lines.length; j++) {
    const next = parseRecord(lines[j]!);
    if (next) return next.type === "audit.torn-line" && next.data.line === index + 1;
  }
  return false;
}

export function parseRecord(line: string): AuditRecord | null {
  try {
    const parsed = AuditRecord.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Every line that parses as a record, in file order, whether or not the chain holds. */
export function parseAll(text: string): AuditRecord[] {
  return text.split("\n").flatMap((line) => {
    const record = line ? parseRecord(line) : null;
    return record ? [record] : [];
  });
}
