// OCR for PDF pages without a text layer: what a page's OCR gives, and how its text becomes
// blocks. Rendering and recognition run in a child process (ocr-child.ts) that OcrHost
// (ocr-host.ts) owns: the canvas addon is native code, and a crash there must not take the engine
// down. Failures are per page and become warnings; an abort kills the child.
import type { BlockDraft } from "./types.ts";

export type OcrPageResult =
  | { number: number; ok: true; text: string; confidence: number; renderMs: number; ocrMs: number }
  | { number: number; ok: false; error: string };

/** Tesseract's text as paragraphs (blank-line separated; wrapped lines joined). */
export function ocrTextToDrafts(text: string): BlockDraft[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.split("\n").map((l) => l.trim()).filter(Boolean).join(" "))
    .filter(Boolean)
    .map((p) => ({ kind: "paragraph" as const, text: p }));
}
