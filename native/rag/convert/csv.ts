// CSV: each row becomes a table-row block "header: value; header: value". The delimiter (comma,
// semicolon or tab) is guessed from the first line; the first row is the header.
import { parse } from "csv-parse/sync";
import { readTextFile } from "./decode.ts";
import { singlePage } from "./page-builder.ts";
import type { BlockDraft, ConvertOptions, ConvertedDocument } from "./types.ts";

const MAX_CSV_CHARS = 64 * 1024 * 1024;

export async function convertCsv(path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  const { text, truncated } = await readTextFile(path, { signal: options.signal, maxChars: MAX_CSV_CHARS });
  const warnings: string[] = [];
  if (truncated) warnings.push("The file was too large; only its first rows were read.");
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = [",", ";", "\t"].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best), ",");
  const rows = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    ...(truncated ? { skip_records_with_error: true } : {}),
  }) as string[][];
  const [header = [], ...body] = rows;
  const drafts: BlockDraft[] = body.map((row) => ({
    kind: "table-row",
    text: row
      .map((value, i) => [header[i]?.trim() || `column ${i + 1}`, value.trim()] as const)
      .filter(([, value]) => value !== "")
      .map(([name, value]) => `${name}: ${value}`)
      .join("; "),
  }));
  if (body.length === 0 && header.length) drafts.push({ kind: "table-row", text: header.join("; ") });
  return { format: "csv", ...singlePage(drafts), warnings };
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
