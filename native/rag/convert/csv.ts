// CSV: each row becomes a table-row block "header: value; header: value". The delimiter (comma,
// semicolon or tab) is guessed from the first line; the first row is the header. The file is
// decoded and parsed as a stream, so a large export never blocks the event loop for long.
import { parse } from "csv-parse";
import { decodeChunks } from "./decode.ts";
import { PageBuilder } from "./page-builder.ts";
import type { ConvertOptions, ConvertedDocument } from "./types.ts";

export const MAX_CSV_ROWS = 1_000_000;

export async function convertCsv(path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  const builder = new PageBuilder(1);
  const warnings: string[] = [];
  const chunks = decodeChunks(path, {
    signal: options.signal,
    onBytes: (done, total) => options.onProgress?.({ done, total, unit: "byte" }),
  });
  const first = await chunks.next();
  if (first.done) return { format: "csv", pages: [builder.page()], blocks: [], warnings: ["This file has no rows."] };
  const firstLine = first.value.slice(0, first.value.indexOf("\n") >>> 0);
  const delimiter = [",", ";", "\t"].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best), ",");
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true });
  // Feed the parser from the decoder in the background; rows are read below as they come.
  const feeding = (async () => {
    try {
      parser.write(first.value);
      for await (const chunk of chunks) {
        if (parser.destroyed) break;
        if (!parser.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              parser.off("drain", done);
              parser.off("close", done);
              resolve();
            };
            parser.on("drain", done);
            parser.on("close", done);
          });
        }
      }
      if (!parser.destroyed) parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();

  let header: string[] | null = null;
  let rows = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record.map((h) => h.trim());
      continue;
    }
    if (++rows > MAX_CSV_ROWS) {
      warnings.push(`Only the first ${MAX_CSV_ROWS.toLocaleString("en")} rows were read.`);
      parser.destroy();
      break;
    }
    const text = record
      .map((value, i) => [header![i] || `column ${i + 1}`, value.trim()] as const)
      .filter(([, value]) => value !== "")
      .map(([name, value]) => `${name}: ${value}`)
      .join("; ");
    builder.add({ kind: "table-row", text });
  }
  await feeding;
  if (rows === 0 && header?.length) builder.add({ kind: "table-row", text: header.join("; ") });
  return { format: "csv", pages: [builder.page()], blocks: builder.blocks, warnings };
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
