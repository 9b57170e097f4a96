// DOCX: mammoth turns the document into HTML (headings from Word styles kept), which becomes blocks.
// Before mammoth inflates anything, the sizes declared in the ZIP central directory are checked so
// that a ZIP bomb is refused instead of filling the engine's memory.
import { stat } from "node:fs/promises";
import mammoth from "mammoth";
import { convertError, throwIfAborted } from "./errors.ts";
import { htmlToDrafts } from "./html.ts";
import { singlePage } from "./page-builder.ts";
import type { ConvertOptions, ConvertedDocument } from "./types.ts";
import { readZipDirectory } from "./zip.ts";

export const MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024;
export const MAX_DOCX_RATIO = 100;

export async function convertDocx(path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  await checkZipBomb(path);
  throwIfAborted(options.signal);
  let html: string;
  const warnings: string[] = [];
  try {
    const result = await mammoth.convertToHtml({ path });
    html = result.value;
    const unknown = result.messages.filter((m) => m.type === "error").length;
    if (unknown) warnings.push(`${unknown} part(s) of the document could not be read.`);
  } catch (err) {
    throw convertError("docx-corrupt", "This Word document is damaged and cannot be read.", undefined, err);
  }
  throwIfAborted(options.signal);
  const { drafts } = htmlToDrafts(`<!doctype html><html><body>${html}</body></html>`, { readability: false });
  if (drafts.length === 0) warnings.push("No text found in this document.");
  const title = drafts.find((d) => d.kind === "heading")?.text;
  return { format: "docx", ...singlePage(drafts), ...(title ? { title } : {}), warnings };
}

async function checkZipBomb(path: string): Promise<void> {
  const [dir, info] = await Promise.all([readZipDirectory(path), stat(path)]);
  if (!dir) throw convertError("docx-corrupt", "This Word document is damaged (its ZIP directory is unreadable).");
  const declared = dir.entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const ratio = declared / Math.max(1, info.size);
  if (dir.zip64 || declared > MAX_DOCX_UNCOMPRESSED || ratio > MAX_DOCX_RATIO) {
    throw convertError(
      "zip-bomb",
      `This Word document would expand to ${dir.zip64 ? "more than 4 GB" : `${Math.round(declared / (1024 * 1024))} MB`} ` +
        `from a ${Math.max(1, Math.round(info.size / 1024))} KB file; refused as a possible ZIP bomb.`,
      { declaredBytes: declared, fileBytes: info.size },
    );
  }
}
