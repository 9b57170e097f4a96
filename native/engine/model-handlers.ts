// Router handlers for the model library: each method of `modelMethods` on top of ModelLibrary.
// Long operations (hash, download, rescans) report progress events and stop on the call's signal.
import { EngineError } from "../contract/errors.ts";
import type { MeasuredMemory, modelMethods } from "../contract/models.ts";
import type { ModelLibrary } from "../models/library.ts";
import type { CallContext, Handlers } from "../router/types.ts";

export interface ModelHandlerDeps {
  library: ModelLibrary;
  /** Settings say offline: downloads are refused at once (the library may check this too). */
  isOffline?: () => boolean | Promise<boolean>;
  /** What loading the file measured on this machine, if it has been loaded (model host). */
  measured?: (model: { id: string; sizeBytes: number }) => Promise<MeasuredMemory | null>;
}

/** Emits at most every `everyMs` (the last report always goes out). */
function throttled(everyMs: number, send: (final: boolean) => void): (final?: boolean) => void {
  let last = 0;
  return (final = false) => {
    const now = Date.now();
    if (!final && now - last < everyMs) return;
    last = now;
    send(final);
  };
}

function progressFor(ctx: CallContext, task: "download" | "hash") {
  return (p: { current: number; total: number; etaMs: number | undefined }) => {
    ctx.emit("progress", {
      task,
      fraction: p.total > 0 ? Math.min(1, p.current / p.total) : null,
      current: p.current,
      total: p.total,
      ...(p.etaMs !== undefined ? { etaMs: p.etaMs } : {}),
    });
  };
}

export function createModelHandlers(deps: ModelHandlerDeps): Handlers<typeof modelMethods> {
  const { library } = deps;
  return {
    "models.list": async ({ rescan, contextSize, gpuLayers }, ctx) =>
      library.list({
        rescan,
        contextSize,
        gpuLayers,
        onProgress: (p) => ctx.emit("progress", { task: "scan", fraction: p.fraction, message: p.message }),
      }),

    "models.inspect": async ({ model, contextSize, gpuLayers }) => {
      const entry = await library.inspect(model, { contextSize, gpuLayers });
      return { ...entry, measured: (await deps.measured?.(entry)) ?? null };
    },

    "models.addFolder": async ({ path }) => library.addFolder(path),

    "models.removeFolder": async ({ path }) => library.removeFolder(path),

    "models.hash": async ({ model }, ctx) => {
      const emit = progressFor(ctx, "hash");
      let latest: Parameters<typeof emit>[0] | undefined;
      const tick = throttled(200, () => latest && emit(latest));
      const result = await library.hash(model, {
        signal: ctx.signal,
        onProgress: (p) => {
          latest = p;
          tick(p.current === p.total);
        },
      });
      return result;
    },

    "models.download": async ({ uri, sha256 }, ctx) => {
      if (await deps.isOffline?.()) throw new EngineError("OFFLINE", "Downloads are off: Enclave is set to work offline.");
      const emitDownload = progressFor(ctx, "download");
      let latest: Parameters<typeof emitDownload>[0] | undefined;
      const tick = throttled(200, () => latest && emitDownload(latest));
      const model = await library.download(
        { uri, sha256 },
        {
          signal: ctx.signal,
          onProgress: (p) => {
            latest = p;
            tick(p.total > 0 && p.current >= p.total);
          },
          onVerifyProgress: progressFor(ctx, "hash"),
        },
      );
      return { model };
    },
  };
}
