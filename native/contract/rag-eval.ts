// `rag.eval`: runs an evaluation set (questions with the file and page that answer them) against a
// collection and reports hit@1, hit@5, MRR, page-exact versus same-file hits, and every miss. The
// CLI (`enclave eval`) and the Documents page's Evaluate panel both send the set's text; the engine
// parses it (native/rag/eval/questions.ts), so both read a file the same way.
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { SearchMode } from "./rag.ts";

export const EvalMetrics = z.object({
  /** Fraction of questions whose first result is the expected file (and page, for pageExact). */
  hitAt1: z.number(),
  /** Fraction with the expected file (and page) among the first 5 results. */
  hitAt5: z.number(),
  /** Fraction with it among the first k results. */
  hitAtK: z.number(),
  /** Mean reciprocal rank of the first correct result within k (0 when absent). */
  mrr: z.number(),
});
export type EvalMetrics = z.infer<typeof EvalMetrics>;

export const EvalMiss = z.object({
  /** 1-based line (JSONL) or record (CSV) number of the question in the set. */
  line: z.number().int(),
  question: z.string(),
  expected: z.object({ file: z.string(), page: z.number().int().nullable() }),
  /** What came first, or null when nothing matched at all. */
  first: z.object({ file: z.string(), page: z.number().int() }).nullable(),
  /** Rank (1-based) of the expected file at any page within k, or null: a "wrong page" miss when set. */
  sameFileRank: z.number().int().nullable(),
});
export type EvalMiss = z.infer<typeof EvalMiss>;

export const EvalReport = z.object({
  collection: z.string(),
  mode: SearchMode,
  k: z.number().int(),
  questions: z.number().int(),
  /** The headline figures: the expected file at the expected page (file only where no page is given). */
  hitAt1: z.number(),
  hitAt5: z.number(),
  mrr: z.number(),
  pageExact: EvalMetrics,
  sameFile: EvalMetrics,
  /** Questions not answered page-exact within k. */
  misses: z.array(EvalMiss),
  ms: z.number(),
});
export type EvalReport = z.infer<typeof EvalReport>;

export const ragEvalMethods = defineMethods({
  "rag.eval": {
    summary: "Run an evaluation set (JSONL or CSV: question, file, page, optional answer) against a collection: hit@1, hit@5, MRR, page-exact vs same-file, misses.",
    input: z.object({
      collection: z.string().min(1).max(100),
      /** The set's text: one JSON object per line, or CSV with a header row. */
      text: z.string().min(1).max(20_000_000),
      format: z.enum(["jsonl", "csv"]),
      k: z.number().int().min(1).max(100).optional(),
      mode: SearchMode.optional(),
    }),
    output: EvalReport,
  },
});
