// Builds the engine: its services (each native resource with one owner) and the router over them.
// Transport-free, so the engine process, in-process tests and a future HTTP host share it.
import { mkdirPrivate, tightenTree } from "../util/private-fs.ts";
import { sweepUnusedUploads } from "../rag/uploads.ts";
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
import { createRagEvalHandler } from "./rag-eval-handler.ts";
import type { SearchFn } from "./chat-turns.ts";
import { createRagSourceHandlers } from "./rag-source-handlers.ts";
import { RagService } from "../rag/service.ts";
import { EmbeddingHost } from "../inference/embedding-host.ts";
import { createCompletionHandlers } from "./completion-handlers.ts";
import { findModelByName } from "./find-model.ts";
import { ApiServerService } from "../server/api-service.ts";
import { RemoteKeys } from "../inference/remote-keys.ts";
import { createQuantLabHandlers } from "./quant-lab-handlers.ts";

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
  // Everything under the data folder is confidential: owner-only, including what older versions left.
  await mkdirPrivate(options.dataDir);
  await tightenTree(options.dataDir);
  const settings = await SettingsStore.open(options.dataDir);
  const runtime = new LlamaRuntime({ gpu: options.gpu ?? "auto" });
  const library = await ModelLibrary.open({ dataDir: options.dataDir, runtime, isOffline: () => settings.get().offline, downloadDir: () => settings.get().downloadDir });
  const store = ConversationStore.open(options.dataDir);
  const host = new ModelHost({ runtime, resolver: library, settings: () => settings.get(), dataDir: options.dataDir, forcedThreads: options.forcedThreads });
  const embeddings = new EmbeddingHost({ runtime, host, find: (ref) => findModelByName(library, ref) });
  const rag = await RagService.open({ dataDir: options.dataDir, runtime, library, settings: () => settings.get(), forcedThreads: options.forcedThreads });

  await sweepUnusedUploads(options.dataDir, rag);
  // The API server calls the router built below; it starts only once the app attaches it.
  const built: { router?: Router } = {};
  const apiServer = new ApiServerService({ router: () => built.router!, dataDir: options.dataDir, settings: () => settings.get().apiServer });
  const settingsHandlers = createSettingsHandlers({ settings });
  const search: SearchFn = ({ query, collection, k }, ctx) => rag.search(query, { k, collection, signal: ctx.signal });

  const handlers: Handlers<Methods> = {
    ...createSystemHandlers({ dataDir: options.dataDir, runtime, startedAt }),
    ...createModelHandlers({ library }),
    ...createInferenceHandlers({ host }),
    ...createConversationHandlers({ store, host, settings: () => settings.get(), search }),
    ...settingsHandlers,
    "settings.update": async (patch, ctx) => {
      const result = await settingsHandlers["settings.update"](patch, ctx);
      await apiServer.apply(); // the Settings switch, address and options take effect at once
      return result;
    },
    "apiServer.attach": async ({ token }) => apiServer.attach(token),
    "apiServer.status": async () => apiServer.status(),
    ...createRagHandlers({ rag }),
    ...createRagSourceHandlers({ rag, settings: () => settings.get() }),
    ...createRagEvalHandler({ rag }),
    ...createCompletionHandlers({ host, embeddings, settings: () => settings.get(), exists: (ref) => findModelByName(library, ref), remoteKeys: new RemoteKeys(options.dataDir) }),
    ...createRagAskHandler({ store, host, settings: () => settings.get(), search }),
    ...createQuantLabHandlers({ dataDir: options.dataDir, runtime, gpu: options.gpu ?? "auto", library, settings: () => settings.get(), forcedThreads: options.forcedThreads, passages: (collection, maxChars) => rag.samplePassages(collection, maxChars) }),
  };
  const router = (built.router = createRouter(methods, handlers));

  return {
    router,
    async dispose() {
      await apiServer.dispose();
      router.cancelAll("The engine is shutting down.");
      await rag.dispose();
      await embeddings.dispose();
      await host.dispose();
      await library.dispose();
      await store.close();
      await runtime.dispose();
    },
  };
}
