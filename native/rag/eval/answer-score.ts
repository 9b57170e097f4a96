// The arithmetic of a model evaluation, apart from any model: whether an answer contains the
// expected text, and one row of means per model. Kept pure so the figures are tested by hand.
import type { EvalAnswer, EvalModelRow } from "../../contract/model-eval.ts";
import { normalizeForMatch } from "../answer/citations.ts";

/** Case, whitespace runs and quote/dash styles ignored (the citation check's rules); null without an expected text. */
export function containsExpected(answer: string, expected: string | undefined): boolean | null {
  if (expected === undefined) return null;
  return normalizeForMatch(answer).includes(normalizeForMatch(expected));
}

export interface AnsweredQuestion extends EvalAnswer {
  /** Speculative decoding's predictions for this answer, when enabled. */
  speculative?: { validated: number; refuted: number };
}

export type RowFigures = Pick<
  EvalModelRow,
  "withExpected" | "answerContains" | "citationVerifiedRate" | "citationsPerAnswer" | "ttftMs" | "tokensPerSecond" | "tokensPerAnswer" | "cpuMsPerAnswer" | "joulesPerAnswer" | "acceptanceRate"
>;

export function rowFigures(answers: readonly AnsweredQuestion[], wattsPerCore: number): RowFigures {
  const mean = (pick: (a: AnsweredQuestion) => number): number => (answers.length ? round(answers.reduce((s, a) => s + pick(a), 0) / answers.length) : 0);
  const judged = answers.filter((a) => a.containsExpected !== null);
  const cited = answers.reduce((s, a) => s + a.citations, 0);
  const verified = answers.reduce((s, a) => s + a.verifiedCitations, 0);
  const predicted = answers.filter((a) => a.speculative);
  const validated = predicted.reduce((s, a) => s + a.speculative!.validated, 0);
  const refuted = predicted.reduce((s, a) => s + a.speculative!.refuted, 0);
  const cpuMsPerAnswer = mean((a) => a.cpuMs);
  return {
    withExpected: judged.length,
    answerContains: judged.length ? judged.filter((a) => a.containsExpected).length / judged.length : null,
    citationVerifiedRate: cited ? verified / cited : null,
    citationsPerAnswer: mean((a) => a.citations),
    ttftMs: mean((a) => a.ttftMs),
    // Tokens/s of answers with more than one token only: a one-token answer has no decode rate.
    tokensPerSecond: meanOf(answers.filter((a) => a.outputTokens > 1).map((a) => a.tokensPerSecond)),
    tokensPerAnswer: mean((a) => a.outputTokens),
    cpuMsPerAnswer,
    joulesPerAnswer: round((cpuMsPerAnswer / 1000) * wattsPerCore),
    ...(predicted.length ? { acceptanceRate: validated + refuted > 0 ? validated / (validated + refuted) : null } : {}),
  };
}

function meanOf(values: readonly number[]): number {
  return values.length ? round(values.reduce((s, v) => s + v, 0) / values.length) : 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
