// `enclave ask`: a question answered from a collection, with numbered citations checked against
// their sources. With --model the answer is written by that model; without one, the passages that
// answer the question are printed instead (search still works with no model at all).
import { basename } from "node:path";
import { expectPositionals, intOption, stringOption } from "../../host/args.ts";
import { loadArgs, samplingArgs } from "../generation-args.ts";
import { createDeltaWriter } from "../chat-turn.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { ExitCode, UsageError } from "../../host/exit-codes.ts";
import { formatJson } from "../output.ts";
import { loadModel } from "./chat.ts";

const usage = `Usage: enclave ask "question" --collection NAME [--model <path|id> | --remote ID] [options]

Answers from the documents of a collection, citing each claim as [n] → file and page. Quoted spans
are checked against their source and marked verified (✓) or not (✗). Without --model, prints the
passages that answer the question.

Options:
  --collection NAME     the collection to answer from (required)
  --model <path|id>     the GGUF model that writes the answer
  --remote ID           a remote model (settings remoteModels) writes it instead: the passages are
                        still found here, and only the question with them is sent to its endpoint
  --k N                 passages to retrieve (default 6)
  --json                print {answer, citations: [{n, file, page, text, verified}], passages, conversationId}
  --threads N           generation threads (default: measured for this machine)
  --ctx N               context size in tokens
  --temperature X       sampling temperature, 0 to 5
  --seed N              sampling seed
  --max-tokens N        most tokens to generate

${GLOBAL_OPTIONS_HELP}`;

export const askCommand: Command = {
  words: ["ask"],
  summary: "Answer a question from a collection, with verified citations",
  usage,
  options: {
    collection: { type: "string", short: "c" },
    model: { type: "string", short: "m" },
    remote: { type: "string" },
    k: { type: "string" },
    json: { type: "boolean" },
    threads: { type: "string" },
    ctx: { type: "string" },
    temperature: { type: "string" },
    seed: { type: "string" },
    "max-tokens": { type: "string" },
  },
  async run(ctx) {
    const { values } = ctx.args;
    const [question] = expectPositionals(ctx.args, ["question"], usage);
    if (!question?.trim()) throw new UsageError("the question is empty", usage);
    const collection = stringOption(values, "collection");
    if (collection === undefined) throw new UsageError("--collection is required", usage);
    const json = values.json === true;
    const k = intOption(values, "k", { min: 1, max: 50 }, usage);
    const sampling = samplingArgs(values, usage);

    const remote = stringOption(values, "remote");
    const model = stringOption(values, "model");
    if (remote !== undefined && model !== undefined) throw new UsageError("use --model or --remote, not both", usage);
    const client = await ctx.engine();
    if (model !== undefined) await loadModel(client, loadArgs(values, model, ctx.cwd, usage), ctx);
    const writer = json ? null : createDeltaWriter(ctx.io.stdout, ctx.io.stderr, ctx.style.err);
    const result = await client.call(
      "rag.ask",
      { question, collection, ...(k !== undefined && { k }), ...(sampling !== undefined && { sampling }), ...(remote !== undefined && { model: remote }) },
      { signal: ctx.signal, onEvent: (event, payload) => event === "chat.delta" && writer?.write(payload as never) },
    );
    writer?.end();
    const passages = result.hits.map((h) => ({ file: h.file, page: h.pageStart, pageEnd: h.pageEnd, text: h.text, score: h.score }));
    if (json) {
      ctx.io.stdout.write(
        formatJson({
          answer: result.answer,
          citations: result.citations.map((c) => ({ n: c.n, file: c.file, page: c.page, text: c.text, verified: c.verified, quotes: c.quotes })),
          passages,
          conversationId: result.conversationId,
        }),
      );
    } else {
      const s = ctx.style.out;
      if (result.answer === null) ctx.io.stdout.write(s.dim("No model loaded (use --model): the passages that answer it:\n"));
      const listed = result.answer === null ? passages.map((p, i) => ({ n: i + 1, ...p, mark: "" })) : result.citations.map((c) => ({ ...c, mark: c.verified ? s.green(" ✓") : s.red(" ✗ quote not found in source") }));
      if (result.answer !== null && listed.length === 0) ctx.io.stdout.write(s.dim("(the answer cites no source)\n"));
      for (const item of listed) {
        ctx.io.stdout.write(`${s.bold(`[${item.n}]`)} ${basename(item.file)}, page ${item.page}${item.mark}\n    ${item.text.replace(/\s+/g, " ").slice(0, 300)}\n`);
      }
      if (result.hits.length === 0) ctx.io.stdout.write("No passage in this collection matches the question.\n");
    }
    return result.message?.stopReason === "aborted" ? ExitCode.ABORTED : ExitCode.OK;
  },
};
