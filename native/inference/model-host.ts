// The one owner of the loaded model, its context and its chat session. Everything that uses them
// runs under one lock, so a switch can never race a generation: a load waits for the answer in
// progress, then frees the old model before the new one loads (two models never sit in memory).
import type { LlamaChatSession, LlamaContext, LlamaContextSequence, LlamaModel } from "node-llama-cpp";
import { llamaLoaded } from "./llama-module.ts";
import { EngineError } from "../contract/errors.ts";
import type { LoadedModel, LoadOptions, ThreadProbe } from "../contract/inference.ts";
import type { MemoryEstimate, ModelEntry } from "../contract/models.ts";
import type { Settings } from "../contract/settings.ts";
import { Mutex } from "../util/mutex.ts";
import type { LlamaRuntime } from "./llama-runtime.ts";
import { adapterError, loadError } from "./load-errors.ts";
import { machineKey, probeThreads } from "./thread-probe.ts";
import { probeIsStale, ThreadAdvisor, threadsForLoad, threadsNote } from "./thread-load.ts";
import { CpuLoadSampler } from "./cpu-load.ts";
import { availableParallelism } from "node:os";
import { memoryUsage } from "node:process";
import { MemoryMeasurements } from "./memory-measurements.ts";
import { ThreadProbeCache } from "./thread-probe-cache.ts";
import { SequencePool } from "./sequence-pool.ts";
import { createSpeculative, type SpeculativeSetup } from "./speculative.ts";

/** Stateless requests that may wait for a serving sequence before the rest get BUSY (HTTP 429). */
export const SERVING_QUEUE_LIMIT = 32;
/** Serving sequences when the API server is enabled and the load does not say. */
export const DEFAULT_SERVING_SEQUENCES = 4;

/** What the host needs from the model library: find a model, and say whether it fits. */
export interface ModelResolver {
  resolve(ref: string): Promise<ModelEntry>;
  estimate(entry: ModelEntry, options: { contextSize: number; gpuLayers: "auto" | number }): Promise<MemoryEstimate | null>;
}

export interface LoadProgress {
  phase: "checking" | "threads" | "loading" | "context";
  fraction: number | null;
  message: string;
}

/** A loaded model and the session bound to it. Only the host creates and disposes these. */
export interface Loaded {
  readonly info: LoadedModel;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly sequence: LlamaContextSequence;
  readonly session: LlamaChatSession;
  /** The token predictor of a speculative load, and the draft model it may own. */
  readonly speculative: SpeculativeSetup | null;
  /** The conversation (and how many of its messages) the session's history currently mirrors. */
  bound: { conversationId: string; messageCount: number; firstId: string | null } | null;
  /** The other sequences of the context, for stateless requests (the API server), one each. */
  readonly serving: SequencePool<LlamaContextSequence>;
  /** Aborted when the model is unloaded: stateless generations stop instead of holding the switch. */
  readonly unloading: AbortController;
  /** How the context was made, so that it can be made again with other adapters (setLora). */
  readonly setup: ContextSetup;
}

interface ContextSetup {
  contextSize: number;
  threads: number;
  lora: { path: string; scale: number }[];
  servingSequences: number;
  gpuLayers: "auto" | "max" | number;
  speculative: LoadOptions["speculative"];
}

type BuiltContext = Pick<Loaded, "context" | "sequence" | "session" | "speculative" | "serving">;

export interface ModelHostDeps {
  runtime: LlamaRuntime;
  resolver: ModelResolver;
  settings: () => Settings;
  dataDir: string;
  /** Forced thread count for every load (ENCLAVE_THREADS): tests and benchmarks pin it. */
  forcedThreads?: number;
  /** Other processes' CPU use; the system's by default (tests drive it to simulate a busy core). */
  cpuLoad?: { start(): unknown; othersBusyCores(): number; dispose(): void };
}

export class ModelHost {
  readonly #deps: ModelHostDeps;
  readonly #lock = new Mutex();
  readonly #probes: ThreadProbeCache;
  /** Other processes' CPU use, read before each answer (threads under load, thread-load.ts). */
  readonly #cpuLoad: NonNullable<ModelHostDeps["cpuLoad"]>;
  readonly #threadAdvisor = new ThreadAdvisor();
  /** What each model file's load measured, for the Models page (beside the estimate). */
  readonly measurements: MemoryMeasurements;
  #loaded: Loaded | undefined;

  constructor(deps: ModelHostDeps) {
    this.#deps = deps;
    this.#probes = new ThreadProbeCache(deps.dataDir);
    this.#cpuLoad = deps.cpuLoad ?? new CpuLoadSampler();
    this.measurements = new MemoryMeasurements(deps.dataDir);
  }

  get busy(): boolean {
    return this.#lock.held;
  }

  get loadedInfo(): LoadedModel | null {
    return this.#loaded?.info ?? null;
  }

  async load(options: LoadOptions, ctx: { signal: AbortSignal; onProgress: (p: LoadProgress) => void }): Promise<LoadedModel> {
    return this.#lock.run(async () => {
      ctx.signal.throwIfAborted();
      this.#cpuLoad.start();
      const settings = this.#deps.settings();
      ctx.onProgress({ phase: "checking", fraction: 0, message: "Reading the model file" });
      const entry = await this.#deps.resolver.resolve(options.model);
      if (entry.kind === "adapter") throw new EngineError("INVALID_INPUT", `${entry.path} is a LoRA adapter, not a model: attach it to a model with "lora".`);
      if (entry.error) throw new EngineError("INVALID_MODEL_FILE", `${entry.path} cannot be loaded: ${entry.error}`);
      const contextSize = Math.min(options.contextSize ?? settings.contextSize, entry.contextLength ?? Number.MAX_SAFE_INTEGER);
      const gpuLayers = options.gpuLayers ?? settings.gpuLayers;
      const servingSequences = options.servingSequences ?? (settings.apiServer.enabled ? DEFAULT_SERVING_SEQUENCES : 0);

      // Free the old model first: its memory is what the new one may need.
      await this.#unloadLocked();
      (globalThis as { gc?: () => void }).gc?.();
      const rssBefore = memoryUsage.rss();

      const estimate = await this.#deps.resolver.estimate(entry, { contextSize, gpuLayers: typeof gpuLayers === "number" ? gpuLayers : "auto" });
      if (estimate?.verdict === "wont-fit") {
        throw new EngineError(
          "OUT_OF_MEMORY",
          `${entry.displayName} needs about ${gib(estimate.ramBytes)} of RAM${estimate.vramBytes ? ` and ${gib(estimate.vramBytes)} of GPU memory` : ""} at a context of ${contextSize} tokens; ${gib(estimate.freeRamBytes)} of RAM is available. Choose a smaller quantization or context size.`,
          { estimate },
        );
      }

      const started = performance.now();
      const llama = await this.#deps.runtime.get();
      const logMark = Date.now();
      let model: LlamaModel;
      try {
        ctx.onProgress({ phase: "loading", fraction: 0, message: `Loading ${entry.displayName}` });
        model = await llama.loadModel({
          modelPath: entry.path,
          gpuLayers,
          loadSignal: ctx.signal,
          onLoadProgress: (fraction) => ctx.onProgress({ phase: "loading", fraction, message: `Loading ${entry.displayName}` }),
        });
      } catch (err) {
        if (ctx.signal.aborted) throw new EngineError("ABORTED", "Loading was cancelled.");
        throw loadError(err, { path: entry.path, reason: this.#deps.runtime.lastErrorSince(logMark) });
      }

      try {
        const { threads: planned, source, probe } = await this.#chooseThreads(entry, model, options, settings, ctx);
        // A measured count is lowered while other processes keep cores busy; a manual one is the user's.
        const othersBusy = this.#cpuLoad.othersBusyCores();
        const threads = source === "probe" || source === "cached-probe" ? threadsForLoad(planned, availableParallelism(), othersBusy) : planned;
        const note = threadsNote(threads, planned, othersBusy);
        ctx.onProgress({ phase: "context", fraction: null, message: "Preparing the context" });
        const lora = (options.lora ?? []).map((a) => ({ path: a.path, scale: a.scale ?? 1 }));
        const built = await this.#buildContext(model, entry, { contextSize, threads, lora, servingSequences, gpuLayers, speculative: options.speculative }, ctx);
        // The context is made and one token evaluated (#buildContext), so every weight is resident.
        const measuredRamBytes = Math.max(0, memoryUsage.rss() - rssBefore);
        const measured = { ramBytes: measuredRamBytes, contextSize: built.context.contextSize, gpuLayers: model.gpuLayers, measuredAt: new Date().toISOString() };
        // A figure that cannot be stored is still shown for this load; the load itself never fails on it.
        await this.measurements.set(entry, measured).catch(() => undefined);
        const info: LoadedModel = {
          model: entry,
          measuredRamBytes,
          contextSize: built.context.contextSize,
          gpuLayers: model.gpuLayers,
          gpu: llama.gpu,
          threads,
          threadsSource: source,
          ...(note ? { threadsPlanned: planned, threadsNote: note } : {}),
          probe,
          lora,
          servingSequences,
          loadMs: Math.round(performance.now() - started),
          speculative: built.speculative?.info ?? null,
        };
        this.#loaded = { info, model, ...built, bound: null, unloading: new AbortController(), setup: { contextSize, threads, lora, servingSequences, gpuLayers, speculative: options.speculative } };
        return info;
      } catch (err) {
        await model.dispose();
        throw err;
      }
    });
  }

  /**
   * Replaces the LoRA adapters of the loaded model without reloading it: node-llama-cpp takes
   * adapters only when a context is made, so the context (and its sessions) is made again on the
   * same model. Conversations are kept (the next answer re-reads its history). An adapter that does
   * not fit leaves the model with the adapters it had.
   */
  async setLora(adapters: readonly { path: string; scale?: number | undefined }[], ctx: { signal: AbortSignal; onProgress: (p: LoadProgress) => void }): Promise<LoadedModel> {
    return this.#lock.run(async () => {
      const loaded = this.#loaded;
      if (!loaded) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load a model first.");
      return (await this.#applyLoraLocked(loaded, adapters, ctx)).info;
    });
  }

  /** Makes the context again on the same model with `adapters` (the lock is held by the caller). */
  async #applyLoraLocked(loaded: Loaded, adapters: readonly { path: string; scale?: number | undefined }[], ctx: { signal: AbortSignal; onProgress: (p: LoadProgress) => void }): Promise<Loaded> {
    const lora = adapters.map((a) => ({ path: a.path, scale: a.scale ?? 1 }));
    const started = performance.now();
    ctx.onProgress({ phase: "context", fraction: null, message: "Applying the adapters" });
    // A bad adapter costs the user nothing but the message: the context it had is put back.
    const built = await this.#remakeContextLocked(loaded, { ...loaded.setup, lora }, ctx);
    const info: LoadedModel = { ...loaded.info, lora, loadMs: Math.round(performance.now() - started), speculative: built.speculative?.info ?? null };
    this.#loaded = { ...loaded, ...built, info, bound: null, unloading: new AbortController(), setup: { ...loaded.setup, lora } };
    return this.#loaded;
  }

  /**
   * Makes the loaded model's context again with `setup` (other adapters, another thread count). When
   * that fails, the context it had is put back (or, if even that fails, the model is freed) and the
   * error is thrown: the caller decides whether it matters.
   */
  async #remakeContextLocked(loaded: Loaded, setup: ContextSetup, ctx: { signal: AbortSignal; onProgress: (p: LoadProgress) => void }): Promise<BuiltContext> {
    this.#loaded = undefined;
    await this.#disposeContext(loaded);
    try {
      return await this.#buildContext(loaded.model, loaded.info.model, setup, ctx);
    } catch (err) {
      try {
        const again = await this.#buildContext(loaded.model, loaded.info.model, loaded.setup, { ...ctx, signal: new AbortController().signal });
        this.#loaded = { ...loaded, ...again, bound: null, unloading: new AbortController() };
      } catch {
        await loaded.model.dispose();
      }
      throw err;
    }
  }

  /** The context, its sequences, the chat session and the token predictor, for a loaded model. */
  async #buildContext(model: LlamaModel, entry: ModelEntry, setup: ContextSetup, ctx: { signal: AbortSignal; onProgress: (p: LoadProgress) => void }): Promise<BuiltContext> {
    const { contextSize, threads, lora, servingSequences, gpuLayers } = setup;
    const llama = await this.#deps.runtime.get();
    const contextMark = Date.now();
    let context: LlamaContext;
    try {
      context = await model.createContext({
        contextSize,
        // Each sequence has its own `contextSize` of KV cache: the chat session's plus the serving ones.
        sequences: 1 + servingSequences,
        threads: { ideal: threads, min: threads },
        ...(lora.length ? { lora: { adapters: lora.map((a) => ({ filePath: a.path, scale: a.scale })) } } : {}),
      });
    } catch (err) {
      const reason = this.#deps.runtime.lastErrorSince(contextMark);
      if (lora.length && !/memory|allocate/i.test(String(err) + reason)) throw adapterError(err, { path: lora.map((a) => a.path).join(", "), reason });
      throw loadError(err, { path: entry.path, reason });
    }
    let speculative: SpeculativeSetup | null = null;
    try {
      if (setup.speculative) {
        const draftRef = typeof setup.speculative === "object" ? setup.speculative.draft : null;
        speculative = await createSpeculative(setup.speculative, async () => {
          const draft = await this.#deps.resolver.resolve(draftRef!);
          if (draft.kind !== "model" || draft.error) throw new EngineError("INVALID_INPUT", `${draft.path} cannot be a draft model${draft.error ? `: ${draft.error}` : ""}.`);
          ctx.onProgress({ phase: "loading", fraction: null, message: `Loading the draft model ${draft.displayName}` });
          return { llama, path: draft.path, contextSize: context.contextSize, threads, gpuLayers, signal: ctx.signal };
        });
      }
    } catch (err) {
      await context.dispose();
      throw err;
    }
    const sequence = context.getSequence(speculative ? { tokenPredictor: speculative.predictor } : undefined);
    await warmUp(model, sequence);
    const session = new (llamaLoaded().LlamaChatSession)({ contextSequence: sequence, autoDisposeSequence: false });
    const servingSlots = Array.from({ length: servingSequences }, () => context.getSequence());
    const serving = new SequencePool(servingSlots, { maxQueue: SERVING_QUEUE_LIMIT });
    return { context, sequence, session, speculative, serving };
  }

  /** Frees everything of a loaded model but the model itself. */
  async #disposeContext(loaded: Loaded): Promise<void> {
    loaded.unloading.abort(new EngineError("NO_MODEL_LOADED", "The model was unloaded."));
    await loaded.serving.close("The model was unloaded.");
    loaded.session.dispose({ disposeSequence: true });
    await loaded.context.dispose();
    await loaded.speculative?.dispose();
  }

  async unload(): Promise<boolean> {
    return this.#lock.run(() => this.#unloadLocked());
  }

  /**
   * Runs `fn` with the loaded model, holding the lock (a generation; a switch waits for it). The
   * thread count is checked against the cores other processes leave free first (thread-load.ts).
   * With `lora` (a conversation's own adapters), the context is then made to carry exactly those
   * adapters, in that order and at those scales: hot-swapped on the same model, and only when they
   * differ from what is applied, so conversations sharing a list pay nothing. An adapter that cannot
   * be applied throws before `fn` runs and leaves the adapters that were applied.
   */
  async withLoaded<T>(fn: (loaded: Loaded) => Promise<T>, options: { lora?: readonly { path: string; scale: number }[] | null; onProgress?: (p: LoadProgress) => void } = {}): Promise<T> {
    return this.#lock.run(async () => {
      if (!this.#loaded) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load a model first.");
      await this.#followLoadLocked(this.#loaded);
      let loaded = this.#loaded;
      if (!loaded) throw new EngineError("NO_MODEL_LOADED", "The model was unloaded: its context could not be made again.");
      if (options.lora && !sameAdapters(loaded.setup.lora, options.lora)) {
        loaded = await this.#applyLoraLocked(loaded, options.lora, { signal: new AbortController().signal, onProgress: options.onProgress ?? (() => {}) });
      }
      return fn(loaded);
    });
  }

  /**
   * Changes the loaded context's thread count when the cores other processes leave free disagree
   * with it. node-llama-cpp fixes a context's threads when it is made (its per-batch allocator
   * cannot lower them safely while other contexts exist), so the context is made again on the same
   * model, as for new adapters; the next answer re-reads its history. Skipped for manual counts,
   * speculative loads (the draft would load again) and while API requests use serving sequences.
   */
  async #followLoadLocked(loaded: Loaded): Promise<void> {
    const { info } = loaded;
    if (info.threadsSource !== "probe" && info.threadsSource !== "cached-probe") return;
    if (loaded.speculative || loaded.serving.running > 0 || loaded.serving.queued > 0) return;
    const planned = info.threadsPlanned ?? info.threads;
    const othersBusy = this.#cpuLoad.othersBusyCores();
    const next = this.#threadAdvisor.advise(info.threads, planned, availableParallelism(), othersBusy);
    if (next === null) return;
    const note = threadsNote(next, planned, othersBusy);
    const setup = { ...loaded.setup, threads: next };
    let built: BuiltContext;
    try {
      built = await this.#remakeContextLocked(loaded, setup, { signal: new AbortController().signal, onProgress: () => undefined });
    } catch (err) {
      // Keep answering at the old count rather than fail the question over a thread change.
      if (this.#loaded) return;
      throw err;
    }
    const { threadsPlanned: _p, threadsNote: _n, ...rest } = info;
    this.#loaded = { ...loaded, ...built, info: { ...rest, threads: next, ...(note ? { threadsPlanned: planned, threadsNote: note } : {}) }, bound: null, unloading: new AbortController(), setup };
  }

  /**
   * Runs `fn` on a serving sequence of the loaded model, next to the chat session and to other
   * stateless requests (no lock: an unload aborts these and waits for their sequences to return).
   * Waits in a bounded line for a free sequence; BUSY when the line is full.
   */
  async withServingSequence<T>(signal: AbortSignal, fn: (loaded: Loaded, sequence: LlamaContextSequence, signal: AbortSignal) => Promise<T>): Promise<T> {
    const loaded = this.#loaded;
    if (!loaded) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load one first (inference.load).");
    const combined = AbortSignal.any([signal, loaded.unloading.signal]);
    return loaded.serving.use(combined, (sequence) => fn(loaded, sequence, combined));
  }

  /** The loaded model and its library entry, for a second context on it (embeddings). */
  get loadedModel(): { entry: ModelEntry; model: LlamaModel } | undefined {
    return this.#loaded ? { entry: this.#loaded.info.model, model: this.#loaded.model } : undefined;
  }

  /** Serving sequences of the loaded model: in use, waiting, and the line's limit. */
  get servingStatus(): { slots: number; running: number; queued: number; maxQueue: number } {
    const pool = this.#loaded?.serving;
    return { slots: pool?.size ?? 0, running: pool?.running ?? 0, queued: pool?.queued ?? 0, maxQueue: pool?.maxQueue ?? SERVING_QUEUE_LIMIT };
  }

  async dispose(): Promise<void> {
    await this.unload();
    this.#cpuLoad.dispose();
  }

  async #unloadLocked(): Promise<boolean> {
    const loaded = this.#loaded;
    if (!loaded) return false;
    this.#loaded = undefined;
    await this.#disposeContext(loaded);
    await loaded.model.dispose();
    // A model switch leaves megabytes of JS garbage (metadata, estimates, tokenizer tables) that V8
    // would collect only when its heap fills: measured as a 1.3 MB-per-switch sawtooth in RSS. A
    // collection here, once per unload, returns it promptly (gc exists when the engine runs with
    // --expose-gc, as both transports start it).
    (globalThis as { gc?: () => void }).gc?.();
    return true;
  }

  async #chooseThreads(
    entry: ModelEntry,
    model: LlamaModel,
    options: LoadOptions,
    settings: Settings,
    ctx: { signal: AbortSignal; onProgress: (p: LoadProgress) => void },
  ): Promise<{ threads: number; source: LoadedModel["threadsSource"]; probe: ThreadProbe | null }> {
    if (options.threads) return { threads: options.threads, source: "manual", probe: null };
    if (this.#deps.forcedThreads) return { threads: this.#deps.forcedThreads, source: "manual", probe: null };
    if (settings.threads) return { threads: settings.threads, source: "manual", probe: null };
    const key = ThreadProbeCache.modelKey(entry);
    const cached = await this.#probes.get(machineKey(), key);
    const othersBusyCores = this.#cpuLoad.othersBusyCores();
    if (cached && !probeIsStale(cached, othersBusyCores)) return { threads: cached.chosen, source: "cached-probe", probe: cached };
    const measured = await probeThreads(model, {
      signal: ctx.signal,
      onProgress: (done, total, threads) =>
        ctx.onProgress({ phase: "threads", fraction: done / total, message: threads ? `Measuring speed with ${threads} thread${threads > 1 ? "s" : ""}` : "Thread count chosen" }),
    });
    const probe = { ...measured, othersBusyCores: Math.round(othersBusyCores * 100) / 100 };
    await this.#probes.set(key, probe);
    return { threads: probe.chosen, source: "probe", probe };
  }
}

/** Whether two adapter lists are the same adapters, in the same order, at the same scales. */
export function sameAdapters(a: readonly { path: string; scale: number }[], b: readonly { path: string; scale: number }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.path === b[i]!.path && x.scale === b[i]!.scale);
}

/**
 * Evaluates one token and forgets it: every layer's weights are read once, so they are resident (a
 * memory-mapped model is otherwise paged in during the first answer, which made a measurement after
 * the load meaningless) and the first answer starts warm. Best effort: a model it fails on still loads.
 */
async function warmUp(model: LlamaModel, sequence: LlamaContextSequence): Promise<void> {
  const token = model.tokens.bos ?? model.tokenize(" ")[0];
  if (token === undefined) return;
  try {
    await sequence.evaluateWithoutGeneratingNewTokens([token]);
  } catch {
    // Best effort: the measurement is then lower than the truth, and the first answer pages in.
  } finally {
    await sequence.clearHistory();
  }
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
