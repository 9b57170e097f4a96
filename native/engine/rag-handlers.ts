// Router handlers for documents and search: every `rag.*` method except `rag.ask` (see
// rag-ask-handler.ts) and the source viewer's (rag-source-handlers.ts), on top of the RagService.
// Ingestion reports per-file progress events and stops on the call's signal, returning what it
// finished with `cancelled: true`.
import type { ragMethods } from "../contract/rag.ts";
import type { RagService } from "../rag/service.ts";
import type { Handlers } from "../router/types.ts";

export interface RagHandlerDeps {
  rag: RagService;
}

export function createRagHandlers(deps: RagHandlerDeps): Handlers<Omit<typeof ragMethods, "rag.ask" | "rag.sourcePage" | "rag.sourceFile">> {
  const { rag } = deps;
  return {
    "rag.ingest": async ({ paths, collection, ocr }, ctx) =>
      rag.ingest(paths, collection, {
        ...(ocr !== undefined && { ocr }),
        signal: ctx.signal,
        onProgress: (event) => ctx.emit("progress", event),
        // The vector index is built after this call returns; its notices still reach the client
        // (the event sink outlives the call; clients route engine.notice to their notice listeners).
        onNotice: (notice) => ctx.emit("engine.notice", notice),
      }),

    "rag.collections": async () => ({ collections: await rag.collections() }),

    "rag.documents": async ({ collection }) => ({ documents: await rag.documents(collection) }),

    "rag.removeDocument": async ({ documentId }) => rag.removeDocument(documentId),

    "rag.deleteCollection": async ({ collection }) => rag.deleteCollection(collection),

    "rag.search": async ({ query, collection, documentIds, k, mode }, ctx) =>
      rag.search(query, {
        ...(k !== undefined && { k }),
        ...(collection !== undefined && { collection }),
        ...(documentIds !== undefined && { documentIds }),
        ...(mode !== undefined && { mode }),
        signal: ctx.signal,
      }),
  };
}
