// `enclave eval … --model A --model B [--lora FILE[:SCALE]]`: the model comparison half of `enclave
// eval`. Each --model is one row (every --lora applies to each), answered through the engine's
// `rag.evalModels`; printed as a table (default), CSV (--csv) or JSON (--json).
import type { Input } from "../client/types.ts";
import type { ProgressEvent } from "../contract/events.ts";
import type { ModelEvalReport } from "../contract/model-eval.ts";
import { EVAL_COLUMNS, modelEvalCsv } from "../contract/model-eval-table.ts";
import { intOption, modelRefArg, numberOption } from "../host/args.ts";
import type { CommandContext } from "./command.ts";
import { ExitCode, UsageError } from "../host/exit-codes.ts";
import { loraArgs } from "./lora-arg.ts";
import { formatJson, formatTable, type Style } from "./output.ts";
import { createProgressBar } from "./progress.ts";

export const MODEL_EVAL_HELP = `Comparing models (answers, not only retrieval):
  --model <path|id>     answer every question with this model; repeat to compare models or quants
  --lora FILE[:SCALE]   apply this LoRA adapter to each --model (repeatable)
  --answers             with --json: include every answer's text and figures
  --max-tokens N        most tokens per answer (default 256; answers are greedy)
  --threads N           generation threads (default: measured for this machine)
  --watts W             power per busy CPU core for the energy estimate (default 15)
  --csv                 print the comparison as CSV`;

export type EvalRequest = Pick<Input<"rag.evalModels">, "collection" | "text" | "format" | "k" | "mode">;

export async function runModelEval(ctx: CommandContext, request: EvalRequest, models: readonly string[], usage: string): Promise<ExitCode> {
  const { values } = ctx.args;
  if (values.csv === true && values.json === true) throw new UsageError("choose one of --csv and --json", usage);
  const lora = loraArgs(ctx.args.lists?.lora ?? [], ctx.cwd, usage);
  const threads = intOption(values, "threads", { min: 1, max: 1024 }, usage);
  const maxTokens = intOption(values, "max-tokens", { min: 1, max: 8192 }, usage);
  const watts = numberOption(values, "watts", { min: 0.001, max: 1000 }, usage);
  const input: Input<"rag.evalModels"> = {
    ...request,
    models: models.map((m) => ({ model: modelRefArg(m, ctx.cwd), ...(lora.length > 0 && { lora }), ...(threads !== undefined && { threads }) })),
    ...(maxTokens !== undefined && { maxTokens }),
    ...(watts !== undefined && { wattsPerCore: watts }),
    ...(values.answers === true && { answers: true }),
  };
  const client = await ctx.engine();
  const bar = createProgressBar(ctx.io.stderr, "Evaluating");
  let report: ModelEvalReport;
  try {
    report = await client.call("rag.evalModels", input, {
      signal: ctx.signal,
      onEvent: (event, payload) => {
        if (event === "progress") bar.update((payload as ProgressEvent).fraction, (payload as ProgressEvent).message);
      },
    });
  } finally {
    bar.clear();
  }
  if (values.json === true) ctx.io.stdout.write(formatJson(report));
  else if (values.csv === true) ctx.io.stdout.write(modelEvalCsv(report));
  else ctx.io.stdout.write(formatModelEval(report, ctx.style.out));
  return ExitCode.OK;
}

export function formatModelEval(r: ModelEvalReport, style: Style): string {
  const retrieval = r.retrieval;
  const head = [
    `${style.bold(`${r.questions} questions`)} · collection ${r.collection} · ${retrieval.mode} · retrieval hit@1 ${retrieval.hitAt1.toFixed(3)}, hit@5 ${retrieval.hitAt5.toFixed(3)}, MRR ${retrieval.mrr.toFixed(3)} · ${(r.ms / 1000).toFixed(1)} s`,
    "",
  ].join("\n");
  const table = formatTable(
    EVAL_COLUMNS.map((c) => c.label),
    r.models.map((row) => EVAL_COLUMNS.map((c) => c.text(row))),
    style,
  );
  const note = `\nAnswers greedy, at most ${r.maxTokens} tokens; energy = engine CPU time × ${r.wattsPerCore} W per core (an estimate; GPU time not counted).\n`;
  return head + table + note;
}
