// The evaluation arithmetic, apart from any search: given each question's ranked results, the
// fraction answered at rank 1, within 5, within k, and the mean reciprocal rank — once counting a
// result only at the expected page ("page-exact") and once at any page of the expected file
// ("same-file"). The gap between the two is what wrong-page citations cost.
import type { EvalMetrics, EvalMiss, EvalReport } from "../../contract/rag-eval.ts";
import { baseName, type EvalQuestion } from "./questions.ts";

/** One ranked result as the evaluation sees it: its file and the page it is cited at. */
export interface RankedSource {
  file: string;
  page: number;
}

export interface ScoredQuestion {
  question: EvalQuestion;
  results: readonly RankedSource[];
}

/** 1-based rank of the first result matching, within the first k, or null. */
export function rankOf(question: EvalQuestion, results: readonly RankedSource[], k: number, pageExact: boolean): number | null {
  const want = question.file.toLowerCase();
  for (let i = 0; i < Math.min(k, results.length); i++) {
    const r = results[i]!;
    if (baseName(r.file).toLowerCase() !== want) continue;
    if (pageExact && question.page !== null && r.page !== question.page) continue;
    return i + 1;
  }
  return null;
}

/** Ranks are looked for within max(k, 5), so hit@5 is known whatever k; hitAtK and MRR count ranks up to k. */
export function metricsOf(ranks: readonly (number | null)[], k: number): EvalMetrics {
  const n = ranks.length;
  if (n === 0) return { hitAt1: 0, hitAt5: 0, hitAtK: 0, mrr: 0 };
  let at1 = 0;
  let at5 = 0;
  let atK = 0;
  let rr = 0;
  for (const r of ranks) {
    if (r === null) continue;
    if (r <= 5) at5++;
    if (r === 1) at1++;
    if (r <= k) {
      atK++;
      rr += 1 / r;
    }
  }
  return { hitAt1: at1 / n, hitAt5: at5 / n, hitAtK: atK / n, mrr: rr / n };
}

export function scoreEval(scored: readonly ScoredQuestion[], info: { collection: string; mode: EvalReport["mode"]; k: number; ms: number }): EvalReport {
  const exactRanks: (number | null)[] = [];
  const fileRanks: (number | null)[] = [];
  const misses: EvalMiss[] = [];
  for (const { question, results } of scored) {
    const depth = Math.max(info.k, 5);
    const exact = rankOf(question, results, depth, true);
    const sameFile = rankOf(question, results, depth, false);
    exactRanks.push(exact);
    fileRanks.push(sameFile);
    if (exact === null || exact > info.k) {
      const first = results[0];
      misses.push({
        line: question.line,
        question: question.question,
        expected: { file: question.file, page: question.page },
        first: first ? { file: baseName(first.file), page: first.page } : null,
        sameFileRank: sameFile !== null && sameFile <= info.k ? sameFile : null,
      });
    }
  }
  const pageExact = metricsOf(exactRanks, info.k);
  const sameFile = metricsOf(fileRanks, info.k);
  return {
    collection: info.collection,
    mode: info.mode,
    k: info.k,
    questions: scored.length,
    hitAt1: pageExact.hitAt1,
    hitAt5: pageExact.hitAt5,
    mrr: pageExact.mrr,
    pageExact,
    sameFile,
    misses,
    ms: info.ms,
  };
}
