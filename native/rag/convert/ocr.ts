// OCR for PDF pages without a text layer. Rendering and recognition run in a child process
// (ocr-child.ts): the canvas addon is native code, and a crash there must not take the engine down.
// Failures are per page and become warnings; an abort kills the child. `workers` tesseract.js
// workers recognise pages in parallel (Converters passes one per core it allows).
import { fork } from "node:child_process";
import { abortError } from "./errors.ts";
import type { OcrChildMessage, OcrRequest } from "./ocr-child.ts";
import { siblingModule } from "./run-module.ts";
import type { BlockDraft } from "./types.ts";

export type OcrPageResult =
  | { number: number; ok: true; text: string; confidence: number; renderMs: number; ocrMs: number }
  | { number: number; ok: false; error: string };

export async function ocrPdfPages(
  path: string,
  pages: number[],
  options: { signal?: AbortSignal; onPage?: (result: OcrPageResult) => void; workers?: number; scale?: number } = {},
): Promise<Map<number, OcrPageResult>> {
  const results = new Map<number, OcrPageResult>();
  if (pages.length === 0) return results;
  if (options.signal?.aborted) throw abortError();
  const child = siblingModule("ocr-child");
  const proc = fork(child.path, [], { execArgv: child.execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
  let stderr = "";
  proc.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      if (proc.exitCode === null) proc.kill("SIGKILL");
      if (error) reject(error);
      else resolve(results);
    };
    const onAbort = () => finish(abortError());
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const record = (result: OcrPageResult) => {
      results.set(result.number, result);
      options.onPage?.(result);
    };
    proc.on("message", (message: OcrChildMessage) => {
      if (message.type === "page") record({ ok: true, ...message });
      else if (message.type === "page-error") record({ number: message.number, ok: false, error: message.message });
      else if (message.type === "error") failRest(message.message);
      else if (message.type === "done") finish();
    });
    const failRest = (why: string) => {
      for (const number of pages) if (!results.has(number)) record({ number, ok: false, error: why });
      finish();
    };
    proc.on("error", (err) => failRest(`OCR could not start: ${err.message}`));
    proc.on("exit", (code, signal) => {
      if (!settled) failRest(`OCR process ended unexpectedly (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim().split("\n").at(-1)}` : ""}`);
    });
    proc.send({ path, pages, workers: options.workers ?? 1, ...(options.scale !== undefined && { scale: options.scale }) } satisfies OcrRequest);
  });
}

/** Tesseract's text as paragraphs (blank-line separated; wrapped lines joined). */
export function ocrTextToDrafts(text: string): BlockDraft[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.split("\n").map((l) => l.trim()).filter(Boolean).join(" "))
    .filter(Boolean)
    .map((p) => ({ kind: "paragraph" as const, text: p }));
}
