// `enclave ingest <paths…> --collection NAME`: add files and folders to a collection, with a bar for
// the whole run and one for the current file on a terminal; per-file results at the end.
import path from "node:path";
import { UsageError, ExitCode } from "../../host/exit-codes.ts";
import { stringOption } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command, type OutStream } from "../command.ts";
import { formatJson, type Style } from "../output.ts";
import { renderProgress } from "../progress.ts";
import type { Output } from "../../client/types.ts";
import type { EngineNoticeEvent, ProgressEvent } from "../../contract/events.ts";

const usage = `Usage: enclave ingest <path>… --collection NAME [--json] [--no-ocr]

Adds files and folders (walked recursively, hidden entries skipped) to a document collection.
Unchanged files are skipped, changed ones replaced, and files deleted from a given folder removed
from the index. Each file gets its own result; one bad file never stops the others. Ctrl-C stops
after the current step and keeps everything finished so far.

Exit status: 0 when every file is indexed, 1 when some failed, 130 when cancelled.

Options:
  --collection NAME  the collection to add to (created on first use)
  --json             print the rag.ingest object as JSON
  --no-ocr           do not OCR scanned PDF pages (faster; those pages stay empty)

${GLOBAL_OPTIONS_HELP}`;

export const ingestCommand: Command = {
  words: ["ingest"],
  summary: "Add files and folders to a document collection",
  usage,
  options: { collection: { type: "string" }, json: { type: "boolean" }, "no-ocr": { type: "boolean" } },
  async run(ctx) {
    const collection = stringOption(ctx.args.values, "collection");
    if (!collection) throw new UsageError("--collection NAME is required", usage);
    if (ctx.args.positionals.length === 0) throw new UsageError("missing <path>", usage);
    const paths = ctx.args.positionals.map((p) => path.resolve(ctx.cwd, p));
    const client = await ctx.engine();
    const bars = createIngestBars(ctx.io.stderr);
    // Subscribed before the call: the vector index's notices may arrive as soon as it returns.
    const indexNotices = collectIndexNotices(client);
    let result: Output<"rag.ingest">;
    try {
      result = await client.call(
        "rag.ingest",
        { paths, collection, ...(ctx.args.values["no-ocr"] === true && { ocr: false }) },
        { signal: ctx.signal, onEvent: (event, payload) => event === "progress" && bars.update(payload as ProgressEvent) },
      );
    } finally {
      bars.clear();
    }
    ctx.io.stdout.write(ctx.args.values.json === true ? formatJson(result) : formatIngest(result, ctx.style.out));
    if (result.vectorIndexBuilding) {
      // The engine builds the vector index after the ingest returns; this process stopping the engine
      // would abandon it (it commits only when done), so wait for it — Ctrl-C skips the wait.
      ctx.io.stderr.write(`${ctx.style.err.dim("Building the vector index (search already works without it; Ctrl-C to skip)…")}\n`);
      const outcome = await indexNotices.settled(ctx.signal);
      if (outcome) ctx.io.stderr.write(`${outcome.level === "info" ? outcome.message : ctx.style.err.yellow(outcome.message)}\n`);
    }
    indexNotices.stop();
    if (result.cancelled) return ExitCode.ABORTED;
    return result.files.some((f) => f.outcome === "failed") ? ExitCode.GENERAL : ExitCode.OK;
  },
};

export function formatIngest(result: Output<"rag.ingest">, style: Style): string {
  const lines: string[] = [];
  const mark: Record<string, (t: string) => string> = { failed: style.red, added: style.green, updated: style.green, renamed: style.green, removed: style.yellow, unchanged: style.dim, skipped: style.dim };
  for (const f of result.files) {
    const detail = f.outcome === "failed" ? f.error?.message ?? "" : f.outcome === "removed" || f.outcome === "skipped" ? "" : `${f.pages} page${f.pages === 1 ? "" : "s"}${f.ocrPages ? ` (${f.ocrPages} OCR)` : ""}, ${f.chunks} chunks`;
    lines.push(`${mark[f.outcome]!(f.outcome.padEnd(9))} ${f.path}${detail ? `  ${style.dim("—")} ${detail}` : ""}`);
    for (const w of f.warnings) lines.push(`          ${style.yellow("warning:")} ${w}`);
  }
  const count = (o: string) => result.files.filter((f) => f.outcome === o).length;
  const summary = ["added", "updated", "unchanged", "renamed", "removed", "failed"].filter((o) => o !== "renamed" || count(o) > 0).map((o) => `${count(o)} ${o}`).join(", ");
  lines.push(`${style.bold(result.collection)}: ${summary}${result.cancelled ? style.yellow(" — cancelled") : ""}`);
  return `${lines.join("\n")}\n`;
}

/** Collects the vector index build's outcome notice (ready or failed) from the engine. */
function collectIndexNotices(client: { onNotice(listener: (notice: EngineNoticeEvent) => void): () => void }) {
  let outcome: EngineNoticeEvent | undefined;
  let wake: (() => void) | undefined;
  const stop = client.onNotice((notice) => {
    if (notice.code !== "VECTOR_INDEX_READY" && notice.code !== "VECTOR_INDEX_FAILED") return;
    outcome = notice;
    wake?.();
  });
  return {
    stop,
    /** Resolves with the outcome notice, or undefined when `signal` fires first. */
    settled(signal: AbortSignal): Promise<EngineNoticeEvent | undefined> {
      if (outcome || signal.aborted) return Promise.resolve(outcome);
      return new Promise((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          resolve(outcome);
        };
        wake = done;
        signal.addEventListener("abort", done, { once: true });
      });
    },
  };
}

/** Two lines on a terminal (the run, the current file), redrawn at most every 80 ms; nothing otherwise. */
function createIngestBars(stream: OutStream): { update(event: ProgressEvent): void; clear(): void } {
  if (stream.isTTY !== true) return { update() {}, clear() {} };
  let last = 0;
  let drawn = false;
  return {
    update(event) {
      const now = Date.now();
      if (now - last < 80 && event.fraction !== 1) return;
      last = now;
      const width = Math.max(20, (stream.columns || 80) - 1);
      const eta = event.etaMs !== undefined ? `ETA ${Math.ceil(event.etaMs / 1000)} s` : "";
      const overall = renderProgress({ label: `files ${event.current ?? 0}/${event.total ?? "?"}`, fraction: event.fraction, message: eta }, width);
      const f = event.file;
      const detail = f ? [f.pagesTotal ? `page ${f.pagesDone ?? 0}/${f.pagesTotal}` : "", f.chunksTotal ? `chunk ${f.chunksEmbedded ?? 0}/${f.chunksTotal}` : ""].filter(Boolean).join(" ") : "";
      const file = f ? renderProgress({ label: f.phase.padEnd(9), fraction: f.fraction, message: `${path.basename(f.path)} ${detail}` }, width) : "";
      stream.write(`\r${overall}\u001b[K\n${file}\u001b[K\u001b[1A\r`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write("\r\u001b[K\n\u001b[K\u001b[1A\r");
      drawn = false;
    },
  };
}
