// Runs an evaluation set through a search function (the RagService's, so what is measured is what
// users get) and scores it. One question at a time, cancellable between questions, with progress.
import { EngineError } from "../../contract/errors.ts";
import type { EvalReport } from "../../contract/rag-eval.ts";
import type { EvalQuestion } from "./questions.ts";
import { scoreEval, type RankedSource, type ScoredQuestion } from "./score.ts";

export type EvalMode = EvalReport["mode"];

/** Ranked sources for one question: file and cited page of each result, best first. */
export type EvalSearch = (question: string, options: { k: number; signal?: AbortSignal }) => Promise<RankedSource[]>;

export interface RunEvalOptions {
  collection: string;
  mode: EvalMode;
  /** Results looked at per question (default 5; at least 5 are fetched so hit@5 is always known). */
  k?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export async function runEval(questions: readonly EvalQuestion[], search: EvalSearch, options: RunEvalOptions): Promise<EvalReport> {
  const k = options.k ?? 5;
  const fetch = Math.max(k, 5);
  const started = performance.now();
  const scored: ScoredQuestion[] = [];
  for (const [i, question] of questions.entries()) {
    if (options.signal?.aborted) throw new EngineError("ABORTED", "Evaluation cancelled.");
    const results = await search(question.question, { k: fetch, ...(options.signal && { signal: options.signal }) });
    scored.push({ question, results });
    options.onProgress?.(i + 1, questions.length);
  }
  return scoreEval(scored, { collection: options.collection, mode: options.mode, k, ms: Math.round(performance.now() - started) });
}
