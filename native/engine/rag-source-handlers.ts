// Router handlers for the source viewer: `rag.sourcePage` and `rag.sourceFile` read an indexed
// document's file again, by document id only (see rag/source/).
import type { ragMethods } from "../contract/rag.ts";
import type { Settings } from "../contract/settings.ts";
import type { RagService } from "../rag/service.ts";
import { SourceReader } from "../rag/source/index.ts";
import type { Handlers } from "../router/types.ts";

export interface RagSourceHandlerDeps {
  rag: Pick<RagService, "document" | "converters">;
  settings: () => Settings;
}

export function createRagSourceHandlers(deps: RagSourceHandlerDeps): Handlers<Pick<typeof ragMethods, "rag.sourcePage" | "rag.sourceFile">> {
  const reader = new SourceReader({ lookup: (id) => deps.rag.document(id), ocr: () => deps.settings().ocr, converters: deps.rag.converters });
  return {
    "rag.sourcePage": async ({ documentId, page }, ctx) => reader.page(documentId, page, ctx.signal),
    "rag.sourceFile": async ({ documentId }, ctx) => reader.file(documentId, ctx.signal),
  };
}
