// Converts the next files of a run while the current one converts and is then chunked, embedded
// and written, so every converter worker is busy while the engine's thread indexes (a folder of
// PDFs keeps every core working). Only a file that is likely to need it is started: one not already indexed in this
// collection with the same size and modification time (an unchanged file is skipped by its hash,
// and converting it would be wasted). The pipeline takes the conversion only when the file it has
// just hashed is still the one converted (same size and mtime before and after); otherwise it
// converts again itself. A conversion nobody takes is dropped; its rejection is never unhandled.
import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";
import type { ConvertProgress, ConvertedDocument, Converters, InspectedFile } from "../convert/index.ts";
import { sniffFile } from "../convert/index.ts";

export interface AheadOptions {
  ocr: boolean;
  signal?: AbortSignal;
  /** Text-like formats above this are refused before conversion: never started ahead. */
  maxTextBytes: number;
  textFormats: ReadonlySet<string>;
}

export interface KnownFile {
  size: number;
  mtime: number;
  status: string;
}

interface Ahead {
  path: string;
  size: number;
  mtimeMs: number;
  inspected: InspectedFile;
  doc: Promise<ConvertedDocument>;
  /** Stops this conversion when nobody takes it. */
  controller: AbortController;
  /** Progress before the pipeline takes the conversion is kept, then forwarded as it comes. */
  relay: { progress: ConvertProgress[]; listener: ((p: ConvertProgress) => void) | null };
}

export class ConvertAhead {
  readonly #started = new Map<string, Promise<Ahead | null>>();

  constructor(
    private readonly converters: Converters,
    private readonly options: AheadOptions,
  ) {}

  /** Starts converting `path` unless it is started already or looks unchanged. */
  start(path: string, known: KnownFile | undefined): void {
    if (!this.#started.has(path)) this.#started.set(path, this.#begin(path, known));
  }

  /**
   * The conversion started for `path`, if the file `info` describes (stat'd before it was hashed)
   * is the one it converted. `result(onProgress)`: the document; `onProgress` hears the progress
   * so far, then the rest as it comes.
   */
  async take(path: string, info: Stats): Promise<{ inspected: InspectedFile; result: (onProgress: (p: ConvertProgress) => void) => Promise<ConvertedDocument> } | undefined> {
    const started = this.#started.get(path);
    this.#started.delete(path);
    const ahead = await started;
    if (!ahead) return undefined;
    const after = await stat(path).catch(() => null);
    const same = (s: { size: number; mtimeMs: number } | null) => s !== null && s.size === ahead.size && s.mtimeMs === ahead.mtimeMs;
    if (!same(info) || !same(after)) {
      ahead.controller.abort();
      return undefined;
    }
    const result = (onProgress: (p: ConvertProgress) => void) => {
      for (const p of ahead.relay.progress) onProgress(p);
      ahead.relay.listener = onProgress;
      return ahead.doc;
    };
    return { inspected: ahead.inspected, result };
  }

  /** Stops `path`'s conversion if nobody took it (its file was skipped or failed before converting). */
  async drop(path: string): Promise<void> {
    const started = this.#started.get(path);
    this.#started.delete(path);
    (await started)?.controller.abort();
  }

  /** Stops every conversion nobody took (the run is over). */
  async dispose(): Promise<void> {
    await Promise.all([...this.#started.keys()].map((path) => this.drop(path)));
  }

  async #begin(path: string, known: KnownFile | undefined): Promise<Ahead | null> {
    if (this.options.signal?.aborted) return null;
    let info: Stats;
    let inspected: InspectedFile;
    try {
      info = await stat(path);
      if (!info.isFile() || info.size === 0) return null;
      if (known?.status === "ready" && known.size === info.size && known.mtime === info.mtimeMs) return null;
      inspected = { size: info.size, sniffed: await sniffFile(path) };
    } catch {
      return null; // the pipeline meets (and reports) the same problem when it gets to this file
    }
    const { sniffed } = inspected;
    if (!sniffed.supported || (this.options.textFormats.has(sniffed.format) && info.size > this.options.maxTextBytes)) return null;
    const controller = new AbortController();
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, controller.signal]) : controller.signal;
    const relay: Ahead["relay"] = { progress: [], listener: null };
    const doc = this.converters.convertInspected(path, inspected, {
      ocr: this.options.ocr,
      signal,
      onProgress: (p) => (relay.listener ? relay.listener(p) : relay.progress.push(p)),
    });
    doc.catch(() => undefined);
    return { path, size: info.size, mtimeMs: info.mtimeMs, inspected, controller, doc, relay };
  }
}
