export { parseEvalQuestions, evalFormatOf, baseName, type EvalQuestion, type EvalFormat } from "./questions.ts";
export { scoreEval, metricsOf, rankOf, type RankedSource, type ScoredQuestion } from "./score.ts";
export { runEval, type EvalSearch, type RunEvalOptions, type EvalMode } from "./run-eval.ts";
