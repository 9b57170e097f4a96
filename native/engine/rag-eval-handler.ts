// Router handler for `rag.eval`: parses the set, runs each question through the same search users
// get (RagService.search), scores it. Progress per question ("search" task); cancellable.
import type { ragEvalMethods } from "../contract/rag-eval.ts";
import type { Handlers } from "../router/types.ts";
import { citedPage } from "../rag/retrieve/cited-page.ts";
import { parseEvalQuestions, runEval } from "../rag/eval/index.ts";
import type { SearchMode } from "../contract/rag.ts";
import type { RagService } from "../rag/service.ts";

export interface RagEvalHandlerDeps {
  rag: Pick<RagService, "search">;
}

export function createRagEvalHandler(deps: RagEvalHandlerDeps): Handlers<typeof ragEvalMethods> {
  return {
    "rag.eval": async ({ collection, text, format, k, mode }, ctx) => {
      const questions = parseEvalQuestions(text, format);
      let resolvedMode: SearchMode | undefined = mode;
      const report = await runEval(
        questions,
        async (question, { k: depth, signal }) => {
          const { hits, mode: used } = await deps.rag.search(question, { k: depth, collection, ...(mode && { mode }), ...(signal && { signal }) });
          resolvedMode = used;
          return hits.map((h) => ({ file: h.file, page: citedPage(h) }));
        },
        {
          collection,
          mode: mode ?? "fulltext",
          ...(k !== undefined && { k }),
          signal: ctx.signal,
          onProgress: (done, total) => ctx.emit("progress", { task: "search", fraction: done / total, current: done, total, message: `Question ${done} of ${total}` }),
        },
      );
      return { ...report, mode: resolvedMode ?? report.mode };
    },
  };
}
