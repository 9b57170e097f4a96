// `enclave eval <questions.jsonl|csv> --collection NAME`: runs an evaluation set against a collection
// through the engine's `rag.eval` (the same search users get) and prints hit@1, hit@5, MRR,
// page-exact versus same-file, and each miss.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expectPositionals, intOption, stringOption } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { ExitCode, UsageError } from "../../host/exit-codes.ts";
import { formatJson, type Style } from "../output.ts";
import type { EvalReport } from "../../contract/rag-eval.ts";
import { evalFormatOf } from "../../rag/eval/questions.ts";
import { MODEL_EVAL_HELP, runModelEval } from "../model-eval.ts";

const usage = `Usage: enclave eval <questions.jsonl|questions.csv> --collection NAME [--k N] [--mode fulltext|hybrid|vector] [--json]
       enclave eval <questions> --collection NAME --model A [--model B …] [--lora FILE[:SCALE]] [--csv|--json]

Measures retrieval on your own questions. Each record names a question, the file that answers it
and its page (empty for formats without pages), optionally the answer:
  {"question": "How long is the warranty?", "file": "manual.pdf", "page": 12}
CSV files need a header row: question,file,page[,answer].

Reports hit@1, hit@5 and MRR counting a result only at the expected page (page-exact) and at any
page of the expected file (same-file), then lists every question not answered page-exact within k
with what came first.

Options:
  --collection NAME  the collection to search
  --k N              results looked at per question (default 5, at most 100)
  --mode MODE        fulltext, hybrid or vector (default: hybrid with an embedding model, else fulltext)
  --json             print the report as JSON (hitAt1, hitAt5, mrr as fractions, misses)

With --model, each model (or quant, with any --lora) also answers every question from the passages
retrieval found, and a table compares them: answers containing the set's "answer", citations whose
quotes were verified, time to first token, tokens/s, tokens per answer and energy per answer.

${MODEL_EVAL_HELP}

${GLOBAL_OPTIONS_HELP}`;

const MODES = ["fulltext", "hybrid", "vector"] as const;

export const evalCommand: Command = {
  words: ["eval"],
  summary: "Measure retrieval on a question set (hit@1, hit@5, MRR)",
  usage,
  options: {
    collection: { type: "string" },
    k: { type: "string" },
    mode: { type: "string" },
    json: { type: "boolean" },
    model: { type: "string", short: "m" },
    lora: { type: "string" },
    answers: { type: "boolean" },
    "max-tokens": { type: "string" },
    threads: { type: "string" },
    watts: { type: "string" },
    csv: { type: "boolean" },
  },
  async run(ctx) {
    const [file] = expectPositionals(ctx.args, ["questions file"], usage);
    const collection = stringOption(ctx.args.values, "collection");
    if (!collection) throw new UsageError("--collection NAME is required", usage);
    const k = intOption(ctx.args.values, "k", { min: 1, max: 100 }, usage);
    const mode = stringOption(ctx.args.values, "mode");
    if (mode !== undefined && !(MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(", ")}`, usage);
    const format = evalFormatOf(file!);
    if (!format) throw new UsageError("the questions file must end in .jsonl or .csv", usage);
    let text: string;
    try {
      text = await readFile(path.resolve(ctx.cwd, file!), "utf8");
    } catch (err) {
      ctx.io.stderr.write(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
      return ExitCode.NOT_FOUND;
    }
    const models = ctx.args.lists?.model ?? [];
    const request = { collection, text, format, ...(k !== undefined && { k }), ...(mode !== undefined && { mode: mode as (typeof MODES)[number] }) };
    if (models.length > 0) return runModelEval(ctx, request, models, usage);
    const modelOnly = ["lora", "answers", "max-tokens", "threads", "watts", "csv"].find((o) => ctx.args.values[o] !== undefined);
    if (modelOnly) throw new UsageError(`--${modelOnly} needs --model (it is about the models' answers)`, usage);
    const client = await ctx.engine();
    const report = await client.call(
      "rag.eval",
      request,
      { signal: ctx.signal },
    );
    ctx.io.stdout.write(ctx.args.values.json === true ? formatJson(report) : formatEvalReport(report, ctx.style.out));
    return ExitCode.OK;
  },
};

const pct = (x: number): string => x.toFixed(3);

export function formatEvalReport(r: EvalReport, style: Style): string {
  const lines = [
    `${style.bold(`${r.questions} questions`)} · collection ${r.collection} · ${r.mode} · k=${r.k} · ${(r.ms / 1000).toFixed(1)} s`,
    "",
    `             hit@1   hit@5   hit@${String(r.k).padEnd(3)} MRR`,
    `page-exact   ${pct(r.pageExact.hitAt1)}   ${pct(r.pageExact.hitAt5)}   ${pct(r.pageExact.hitAtK)}   ${pct(r.pageExact.mrr)}`,
    `same-file    ${pct(r.sameFile.hitAt1)}   ${pct(r.sameFile.hitAt5)}   ${pct(r.sameFile.hitAtK)}   ${pct(r.sameFile.mrr)}`,
  ];
  if (r.misses.length > 0) {
    lines.push("", style.bold(`Misses (${r.misses.length}): not at the expected page within ${r.k}`));
    for (const m of r.misses) {
      const expected = `${m.expected.file}${m.expected.page !== null ? `:${m.expected.page}` : ""}`;
      const first = m.first ? `${m.first.file}:${m.first.page}` : "nothing";
      const wrongPage = m.sameFileRank !== null ? style.yellow(` (right file at rank ${m.sameFileRank}, wrong page)`) : "";
      lines.push(`  line ${m.line}: ${m.question}`, `    expected ${expected} · first ${first}${wrongPage}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
