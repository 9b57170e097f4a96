// Reads an evaluation set: JSONL (one {"question", "file", "page", "answer"?} per line) or CSV with
// a header row naming those columns (any order, extra columns ignored). `page` is a 1-based page
// number, or empty / null for formats without pages (then the file alone must match). Every bad
// record is reported with its line so the user can fix the file; nothing is guessed.
import { parse } from "csv-parse/sync";
import { EngineError } from "../../contract/errors.ts";

export interface EvalQuestion {
  /** 1-based line (JSONL) or record number counting the header as 1 (CSV): where to fix it. */
  line: number;
  question: string;
  /** The expected source's file name (a bare name; a path is reduced to its last part). */
  file: string;
  page: number | null;
  answer?: string;
}

export type EvalFormat = "jsonl" | "csv";

/** The format a file name implies, or undefined when its extension is neither. */
export function evalFormatOf(fileName: string): EvalFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  if (ext === "csv") return "csv";
  return undefined;
}

export function parseEvalQuestions(text: string, format: EvalFormat): EvalQuestion[] {
  const records = format === "jsonl" ? jsonlRecords(text) : csvRecords(text);
  const problems: string[] = [];
  const out: EvalQuestion[] = [];
  for (const { line, value } of records) {
    const q = toQuestion(value, line);
    if (typeof q === "string") problems.push(q);
    else out.push(q);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join("\n");
    throw new EngineError("INVALID_INPUT", `The evaluation set has ${problems.length} bad record(s):\n${shown}${problems.length > 10 ? "\n…" : ""}`);
  }
  if (out.length === 0) throw new EngineError("INVALID_INPUT", "The evaluation set has no questions.");
  return out;
}

/** The last part of a path, either separator: what a question's `file` and a hit's file are compared by. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function jsonlRecords(text: string): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch {
      out.push({ line: i + 1, value: Symbol.for("bad-json") });
    }
  }
  return out;
}

function csvRecords(text: string): { line: number; value: unknown }[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new EngineError("INVALID_INPUT", `The CSV evaluation set could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  return rows.map((value, i) => ({ line: i + 2, value }));
}

function toQuestion(value: unknown, line: number): EvalQuestion | string {
  if (value === Symbol.for("bad-json")) return `line ${line}: not valid JSON`;
  if (!value || typeof value !== "object" || Array.isArray(value)) return `line ${line}: expected an object with question, file and page`;
  const v = value as Record<string, unknown>;
  const question = typeof v.question === "string" ? v.question.trim() : "";
  if (!question) return `line ${line}: "question" is missing or empty`;
  const file = typeof v.file === "string" ? baseName(v.file.trim()) : "";
  if (!file) return `line ${line}: "file" is missing or empty`;
  const page = pageOf(v.page);
  if (page === undefined) return `line ${line}: "page" must be a whole number from 1, or empty (got ${JSON.stringify(v.page)})`;
  const answer = typeof v.answer === "string" && v.answer.trim() ? v.answer.trim() : undefined;
  return { line, question, file, page, ...(answer !== undefined && { answer }) };
}

/** null: no page (any page of the file counts); undefined: invalid. */
function pageOf(raw: unknown): number | null | undefined {
  if (raw === undefined || raw === null || raw === "") return null;
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}
