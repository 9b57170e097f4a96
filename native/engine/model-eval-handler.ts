// Router handler for `rag.evalModels`: retrieval is scored once (the same search users get), then
// each model of the comparison is loaded in turn through the model host (so policy, the fit check
// and the audit apply as for any load) and answers every question from the same passages with the
// grounded prompt users get. Answers go to no conversation. Whatever was loaded before is loaded
// again afterwards, also after a cancel or a failure. Progress per model and question; cancellable.
import { cpuUsage } from "node:process";
import { EngineError } from "../contract/errors.ts";
import type { LoadedModel, LoadOptions } from "../contract/inference.ts";
import { DEFAULT_WATTS_PER_CORE, type EvalModelRow, type EvalModelSpec, type modelEvalMethods } from "../contract/model-eval.ts";
import type { SearchHit } from "../contract/rag.ts";
import type { Settings } from "../contract/settings.ts";
import type { ModelHost } from "../inference/model-host.ts";
import { runChatTurn } from "../inference/chat-turn.ts";
import { groundTurn } from "./chat-turns.ts";
import { citedPage } from "../rag/retrieve/cited-page.ts";
import { parseEvalQuestions, runEval, type EvalQuestion } from "../rag/eval/index.ts";
import { containsExpected, rowFigures, type AnsweredQuestion } from "../rag/eval/answer-score.ts";
import type { SearchMode } from "../contract/rag.ts";
import type { RagService } from "../rag/service.ts";
import type { CallContext, Handlers } from "../router/types.ts";
import type { AnswerPolicy } from "./answer-turn.ts";

const DEFAULT_MAX_TOKENS = 256;

export interface ModelEvalHandlerDeps {
  rag: Pick<RagService, "search">;
  host: ModelHost;
  settings: () => Settings;
  answerPolicy?: AnswerPolicy;
  /** Told of every model the evaluation loads (the audit log records it like any load). */
  onLoaded?: (loaded: LoadedModel) => void;
}

export function createModelEvalHandler(deps: ModelEvalHandlerDeps): Handlers<typeof modelEvalMethods> {
  return {
    "rag.evalModels": async (input, ctx) => {
      const started = performance.now();
      const questions = parseEvalQuestions(input.text, input.format);
      const wattsPerCore = input.wattsPerCore ?? DEFAULT_WATTS_PER_CORE;
      const maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS;
      const steps = questions.length * (1 + input.models.length);
      const progress = (done: number, message: string) => ctx.emit("progress", { task: "eval", fraction: Math.min(1, done / steps), current: done, total: steps, message });

      // Retrieval once; every model then answers from the very passages that were scored.
      const hitsByLine = new Map<number, SearchHit[]>();
      let resolvedMode: SearchMode | undefined = input.mode;
      let asked = 0;
      const retrieval = await runEval(
        questions,
        async (question, { k, signal }) => {
          const { hits, mode } = await deps.rag.search(question, { k, collection: input.collection, ...(input.mode && { mode: input.mode }), ...(signal && { signal }) });
          resolvedMode = mode;
          hitsByLine.set(questions[asked++]!.line, hits);
          return hits.map((h) => ({ file: h.file, page: citedPage(h) }));
        },
        { collection: input.collection, mode: input.mode ?? "fulltext", ...(input.k !== undefined && { k: input.k }), signal: ctx.signal, onProgress: (done) => progress(done, `Searching: question ${done} of ${questions.length}`) },
      );

      const before = deps.host.loadedInfo;
      const rows: EvalModelRow[] = [];
      try {
        for (const [m, spec] of input.models.entries()) {
          ctx.signal.throwIfAborted();
          const loaded = await deps.host.load(loadOptions(spec), {
            signal: ctx.signal,
            onProgress: (p) => ctx.emit("progress", { task: "eval", fraction: null, message: `Model ${m + 1} of ${input.models.length}: ${p.message}` }),
          });
          deps.onLoaded?.(loaded);
          const answers: AnsweredQuestion[] = [];
          for (const [i, question] of questions.entries()) {
            if (ctx.signal.aborted) throw new EngineError("ABORTED", "Evaluation cancelled.");
            answers.push(await answerOne(deps, ctx, question, hitsByLine.get(question.line) ?? [], { maxTokens, temperature: input.temperature ?? 0, index: i }));
            progress(questions.length * (m + 1) + i + 1, `${loaded.model.displayName}: question ${i + 1} of ${questions.length}`);
          }
          rows.push({
            modelId: loaded.model.id,
            modelName: loaded.model.name ?? loaded.model.displayName,
            quant: loaded.model.quant,
            sha256: loaded.model.sha256,
            lora: loaded.lora,
            threads: loaded.threads,
            loadMs: loaded.loadMs,
            ...rowFigures(answers, wattsPerCore),
            ...(input.answers && { answers: answers.map(({ speculative: _speculative, ...a }) => a) }),
          });
        }
      } finally {
        await restore(deps.host, before);
      }
      return {
        collection: input.collection,
        questions: questions.length,
        retrieval: { ...retrieval, mode: resolvedMode ?? retrieval.mode },
        wattsPerCore,
        maxTokens,
        models: rows,
        ms: Math.round(performance.now() - started),
      };
    },
  };
}

function loadOptions(spec: EvalModelSpec): LoadOptions {
  return {
    model: spec.model,
    ...(spec.lora && { lora: spec.lora }),
    ...(spec.contextSize !== undefined && { contextSize: spec.contextSize }),
    ...(spec.threads !== undefined && { threads: spec.threads }),
    ...(spec.speculative && { speculative: spec.speculative }),
    // A comparison needs no serving sequences: each would take a context's worth of memory.
    servingSequences: 0,
  };
}

/** One grounded answer on the loaded model, in no conversation (its own id, so no history carries over). */
async function answerOne(
  deps: ModelEvalHandlerDeps,
  ctx: CallContext,
  question: EvalQuestion,
  hits: readonly SearchHit[],
  options: { maxTokens: number; temperature: number; index: number },
): Promise<AnsweredQuestion> {
  return deps.host.withLoaded(async (loaded) => {
    const countTokens = (text: string) => loaded.model.tokenize(text).length;
    // Fitted as a grounded chat turn fits its sources (evaluation runs one question at a time, so
    // holding the model while fitting costs nothing here).
    const grounded = groundTurn(question.question, hits, { countTokens, contextSize: loaded.info.contextSize, answerer: loaded.model });
    const own = deps.settings().defaultSystemPrompt;
    const cpuBefore = cpuUsage();
    const outcome = await runChatTurn(loaded, {
      conversationId: `eval:${options.index}`,
      systemPrompt: deps.answerPolicy ? deps.answerPolicy.systemPrompt(own) : own,
      history: [],
      userText: grounded.modelText,
      sampling: { maxTokens: options.maxTokens, temperature: options.temperature, seed: 0 },
      signal: ctx.signal,
      onDelta: () => undefined,
    });
    const cpu = cpuUsage(cpuBefore);
    if (outcome.stopReason === "aborted") throw new EngineError("ABORTED", "Evaluation cancelled.");
    const citations = grounded.citationsFor(outcome.text);
    const { stats } = outcome;
    return {
      line: question.line,
      question: question.question,
      text: outcome.text,
      containsExpected: containsExpected(outcome.text, question.answer),
      citations: citations.length,
      verifiedCitations: citations.filter((c) => c.verified && c.quotes.length > 0).length,
      ttftMs: stats.ttftMs,
      outputTokens: stats.outputTokens,
      tokensPerSecond: stats.tokensPerSecond,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      ...(stats.speculative && { speculative: { validated: stats.speculative.validated, refuted: stats.speculative.refuted } }),
    };
  });
}

/** Puts back what was loaded before the evaluation (or nothing). A failure here must not hide the run's own. */
async function restore(host: ModelHost, before: LoadedModel | null): Promise<void> {
  const noop = { signal: new AbortController().signal, onProgress: () => undefined };
  try {
    if (!before) {
      await host.unload();
      return;
    }
    const speculative = before.speculative
      ? before.speculative.predictor === "prompt-lookup"
        ? ("prompt-lookup" as const)
        : before.speculative.draftPath
          ? { draft: before.speculative.draftPath }
          : undefined
      : undefined;
    await host.load(
      {
        model: before.model.path,
        contextSize: before.contextSize,
        lora: before.lora,
        ...(before.threadsSource === "manual" && { threads: before.threads }),
        ...(before.servingSequences !== undefined && { servingSequences: before.servingSequences }),
        ...(speculative && { speculative }),
      },
      noop,
    );
  } catch {
    // The earlier model could not be loaded again (removed, or no longer allowed): the user loads one.
  }
}
