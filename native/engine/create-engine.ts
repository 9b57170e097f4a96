// Builds the engine: its services (each native resource with one owner) and the router over them.
// Transport-free, so the engine process, in-process tests and a future HTTP host share it.
import { mkdir } from "node:fs/promises";
import { methods, type Methods } from "../contract/index.ts";
import { createRouter, type Router } from "../router/router.ts";
import type { Handlers } from "../router/types.ts";
import { LlamaRuntime } from "../inference/llama-runtime.ts";
import { ModelHost } from "../inference/model-host.ts";
import { ModelLibrary } from "../models/library.ts";
import { ConversationStore } from "../store/conversation-store.ts";
import { SettingsStore } from "./settings-store.ts";
import { createSystemHandlers } from "./system-handlers.ts";
import { createModelHandlers } from "./model-handlers.ts";
import { createInferenceHandlers } from "./inference-handlers.ts";
import { createConversationHandlers } from "./conversation-handlers.ts";
import { createSettingsHandlers } from "./settings-handlers.ts";
import { createRagHandlers } from "./rag-handlers.ts";
import { createRagAskHandler } from "./rag-ask-handler.ts";
import type { SearchFn } from "./chat-turns.ts";
import { createRagSourceHandlers } from "./rag-source-handlers.ts";
import { RagService } from "../rag/service.ts";

export interface EngineOptions {
  dataDir: string;
  gpu?: "auto" | false;
  /** Pin every load to this thread count (ENCLAVE_THREADS). */
  forcedThreads?: number;
}

export interface Engine {
  router: Router;
  dispose(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const startedAt = Date.now();
  await mkdir(options.dataDir, { recursive: true });
  const settings = await SettingsStore.open(options.dataDir);
  const runtime = new LlamaRuntime({ gpu: options.gpu ?? "auto" });
  const library = await ModelLibrary.open({ dataDir: options.dataDir, runtime, isOffline: () => settings.get().offline, downloadDir: () => settings.get().downloadDir });
  const store = ConversationStore.open(options.dataDir);
  const host = new ModelHost({ runtime, resolver: library, settings: () => settings.get(), dataDir: options.dataDir, forcedThreads: options.forcedThreads });
  const rag = await RagService.open({ dataDir: options.dataDir, runtime, library, settings: () => settings.get(), forcedThreads: options.forcedThreads });

  const search: SearchFn = ({ query, collection, k }, ctx) => rag.search(query, { k, collection, signal: ctx.signal });
  const handlers: Handlers<Methods> = {
    ...createSystemHandlers({ dataDir: options.dataDir, runtime, startedAt }),
    ...createModelHandlers({ library }),
    ...createInferenceHandlers({ host }),
    ...createConversationHandlers({ store, host, settings: () => settings.get(), search }),
    ...createSettingsHandlers({ settings }),
    ...createRagHandlers({ rag }),
    ...createRagSourceHandlers({ rag, settings: () => settings.get() }),
    ...createRagAskHandler({ store, host, settings: () => settings.get(), search }),
  };
  const router = createRouter(methods, handlers);

  return {
    router,
    async dispose() {
      router.cancelAll("The engine is shutting down.");
      await rag.dispose();
      await host.dispose();
      await library.dispose();
      await store.close();
      await runtime.dispose();
    },
  };
}
