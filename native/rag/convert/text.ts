// Plain text: paragraphs are separated by blank lines. The file is decoded in chunks; text beyond
// MAX_TEXT_CHARS is dropped with a warning so that a 1 GB log cannot exhaust the engine's memory.
import { decodeChunks, type TextEncoding } from "./decode.ts";
import { PageBuilder } from "./page-builder.ts";
import type { ConvertOptions, ConvertedDocument } from "./types.ts";

export const MAX_TEXT_CHARS = 64 * 1024 * 1024;
/** A "paragraph" with no blank line for this long is cut at a line break. */
const MAX_PARAGRAPH_CHARS = 16 * 1024;

export async function convertText(path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  const builder = new PageBuilder(1);
  const warnings: string[] = [];
  let encoding = "utf-8" as TextEncoding;
  let carry = "";
  let total = 0;
  let truncated = false;

  const flushParagraph = (paragraph: string) => {
    for (const piece of splitLong(paragraph)) builder.add({ kind: "paragraph", text: piece });
  };

  for await (let chunk of decodeChunks(path, {
    signal: options.signal,
    onEncoding: (e) => (encoding = e),
    onBytes: (done, all) => options.onProgress?.({ done, total: all, unit: "byte" }),
  })) {
    if (total + chunk.length > MAX_TEXT_CHARS) {
      chunk = chunk.slice(0, MAX_TEXT_CHARS - total);
      truncated = true;
    }
    total += chunk.length;
    const parts = (carry + chunk).split(/\n[ \t]*\n/);
    carry = parts.pop() ?? "";
    for (const part of parts) flushParagraph(part);
    // A carry with no blank line in sight is cut at a line break so it cannot grow without bound.
    while (carry.length > MAX_PARAGRAPH_CHARS) {
      const cut = carry.lastIndexOf("\n", MAX_PARAGRAPH_CHARS);
      const at = cut > 0 ? cut : MAX_PARAGRAPH_CHARS;
      flushParagraph(carry.slice(0, at));
      carry = carry.slice(at);
    }
    if (truncated) break;
  }
  flushParagraph(carry);

  if (encoding !== "utf-8") warnings.push(`Read as ${encoding === "windows-1252" ? "Windows-1252 (Latin-1)" : encoding.toUpperCase()}.`);
  if (truncated) warnings.push(`Only the first ${MAX_TEXT_CHARS / (1024 * 1024)} M characters were read; the rest of the file was skipped.`);
  return { format: "text", pages: [builder.page()], blocks: builder.blocks, warnings };
}

function splitLong(paragraph: string): string[] {
  const out: string[] = [];
  let rest = paragraph;
  while (rest.length > MAX_PARAGRAPH_CHARS) {
    const cut = rest.lastIndexOf("\n", MAX_PARAGRAPH_CHARS);
    const at = cut > 0 ? cut : MAX_PARAGRAPH_CHARS;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}
