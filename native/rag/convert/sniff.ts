// Tells the format from the bytes, not the name. The extension only breaks ties between text
// formats (Markdown vs plain text vs CSV); a PNG named .pdf is still a PNG.
import { extname } from "node:path";
import type { DocumentFormat } from "./types.ts";
import { readZipDirectory } from "./zip.ts";
import { openRegularFile } from "../../util/regular-file.ts";

export type SniffResult =
  | { supported: true; format: DocumentFormat }
  | { supported: false; kind: string; reason: string };

const HEAD_BYTES = 8192;

interface Signature {
  kind: string;
  test: (head: Buffer) => boolean;
}

const startsWith = (head: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, text: string, at = 0) => head.toString("latin1", at, at + text.length) === text;

// Binary formats we recognise only to refuse them with a useful message.
const UNSUPPORTED: Signature[] = [
  { kind: "a PNG image", test: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { kind: "a JPEG image", test: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { kind: "a GIF image", test: (h) => ascii(h, "GIF87a") || ascii(h, "GIF89a") },
  { kind: "a WebP image", test: (h) => ascii(h, "RIFF") && ascii(h, "WEBP", 8) },
  { kind: "a TIFF image", test: (h) => startsWith(h, [0x49, 0x49, 0x2a, 0x00]) || startsWith(h, [0x4d, 0x4d, 0x00, 0x2a]) },
  { kind: "a gzip archive", test: (h) => startsWith(h, [0x1f, 0x8b]) },
  { kind: "a 7-Zip archive", test: (h) => startsWith(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { kind: "a RAR archive", test: (h) => ascii(h, "Rar!") },
  { kind: "an old Microsoft Office file (.doc/.xls/.ppt)", test: (h) => startsWith(h, [0xd0, 0xcf, 0x11, 0xe0]) },
  { kind: "an RTF document", test: (h) => ascii(h, "{\\rtf") },
  { kind: "an executable", test: (h) => startsWith(h, [0x7f, 0x45, 0x4c, 0x46]) || ascii(h, "MZ") },
];

export async function sniffFile(path: string): Promise<SniffResult> {
  const handle = await openRegularFile(path);
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const named = describeExtension(path);

  // PDF: "%PDF-" at the start; after a little junk (readers accept it within the first 1024 bytes)
  // only when the name says .pdf, so that a note that mentions "%PDF-" stays a note.
  const pdfAt = head.subarray(0, 1024).indexOf("%PDF-");
  if (pdfAt === 0 || (pdfAt > 0 && extname(path).toLowerCase() === ".pdf")) return { supported: true, format: "pdf" };
  if (ascii(head, "PK\x03\x04") || ascii(head, "PK\x05\x06")) return sniffZip(path, named);
  for (const signature of UNSUPPORTED) {
    if (signature.test(head)) return refuse(signature.kind, named);
  }
  if (!looksLikeText(head)) return refuse("a binary file", named);
  return { supported: true, format: textFormat(head, extname(path).toLowerCase()) };
}

async function sniffZip(path: string, named: string | null): Promise<SniffResult> {
  const dir = await readZipDirectory(path);
  if (!dir) return refuse("a damaged ZIP archive", named);
  const names = new Set(dir.entries.map((e) => e.name));
  if (names.has("word/document.xml")) return { supported: true, format: "docx" };
  if (names.has("xl/workbook.xml")) return refuse("an Excel workbook (.xlsx)", named);
  if (names.has("ppt/presentation.xml")) return refuse("a PowerPoint presentation (.pptx)", named);
  if (names.has("content.xml") && names.has("mimetype")) return refuse("an OpenDocument file", named);
  if (names.has("META-INF/container.xml")) return refuse("an EPUB book", named);
  return refuse("a ZIP archive that is not a Word document", named);
}

function refuse(kind: string, named: string | null): SniffResult {
  const reason =
    named && !kind.includes(named) ? `This is ${kind}, not ${named}.` : kind.includes("not") ? `This is ${kind}.` : `This is ${kind}, which Enclave cannot read.`;
  return { supported: false, kind, reason };
}

function describeExtension(path: string): string | null {
  const names: Record<string, string> = {
    ".pdf": "a PDF",
    ".docx": "a Word document",
    ".html": "an HTML page",
    ".htm": "an HTML page",
    ".md": "a Markdown file",
    ".markdown": "a Markdown file",
    ".txt": "a text file",
    ".csv": "a CSV file",
  };
  return names[extname(path).toLowerCase()] ?? null;
}

/** UTF-16 with a BOM, or bytes with no NULs and few control characters. */
export function looksLikeText(head: Buffer): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++;
  }
  return control <= head.length * 0.01;
}

function textFormat(head: Buffer, ext: string): DocumentFormat {
  const sample = decodeSample(head);
  const start = sample.replace(/^\uFEFF/, "").trimStart().slice(0, 512).toLowerCase();
  const isHtml = start.startsWith("<!doctype html") || start.startsWith("<html") || /^<\?xml[^>]*>\s*<html/.test(start);
  if (isHtml) return "html";
  if (ext === ".html" || ext === ".htm" || ext === ".xhtml") return /<[a-z!]/i.test(start) ? "html" : "text";
  if (ext === ".md" || ext === ".markdown") return "markdown";
  if (ext === ".csv" || ext === ".tsv") return "csv";
  if (ext === ".txt" || ext === ".text" || ext === ".log") return "text";
  // No telling extension: look at the content.
  if (/^(#{1,6} |```|~~~)/m.test(sample)) return "markdown";
  if (looksLikeCsv(sample)) return "csv";
  return "text";
}

function decodeSample(head: Buffer): string {
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(head);
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(head);
  return head.toString("latin1");
}

/** At least three lines with the same number (≥ 1) of commas or semicolons. */
function looksLikeCsv(sample: string): boolean {
  const lines = sample.split(/\r?\n/).filter((l) => l.trim()).slice(0, 10);
  if (lines.length < 3) return false;
  const check = lines.slice(0, -1); // the last line of the sample may be cut off
  return [",", ";", "\t"].some((sep) => {
    const counts = check.map((l) => l.split(sep).length - 1);
    return counts[0]! >= 1 && counts.every((c) => c === counts[0]);
  });
}
