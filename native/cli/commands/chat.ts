// `enclave chat`: load a model, start a conversation, then answer one --prompt or run the REPL.
import { text } from "node:stream/consumers";
import type { EngineClient, Input, Output } from "../../client/types.ts";
import type { ProgressEvent, ProgressTask } from "../../contract/events.ts";
import { expectPositionals, gpuLayersOption, modelRefArg, numberOption, stringOption } from "../../host/args.ts";
import { runRepl } from "../chat-repl.ts";
import { chatJson, createDeltaWriter, formatTurnStats, runTurn } from "../chat-turn.ts";
import { GLOBAL_OPTIONS_HELP, type Command, type CommandContext } from "../command.ts";
import { ExitCode, UsageError } from "../../host/exit-codes.ts";
import { formatJson } from "../output.ts";
import { createProgressBar, type ProgressBar } from "../progress.ts";
import { loraArgs } from "../lora-arg.ts";
import { loadArgs, samplingArgs } from "../generation-args.ts";

const usage = `Usage: enclave chat --model <path|id> [--prompt "…"] [options]

Loads a model and chats with it. With --prompt, answers that one message (streamed to stdout) and
exits; without it, starts an interactive chat (/help lists its commands). --prompt - reads the
message from stdin.

Options:
  --model <path|id>     the GGUF file, library id or SHA-256 to load (required)
  --prompt <text>       answer this one message and exit
  --json                with --prompt: print one JSON object with the answer and its statistics
  --system <text>       system prompt (default: the one in settings)
  --threads N           generation threads (default: measured for this machine)
  --ctx N               context size in tokens
  --gpu-layers L        layers to put on the GPU: auto, max or a number
  --temperature X       sampling temperature, 0 to 5
  --seed N              sampling seed, for repeatable answers
  --max-tokens N        most tokens to generate per answer
  --lora FILE[:SCALE]   apply a LoRA adapter (repeatable; scale default 1)
  --draft <path|id>     speculative decoding with this smaller model of the same family
  --draft-min-confidence X  the draft proposes tokens only this likely (0 to 1; default 0.6)
  --prompt-lookup       speculative decoding by prompt lookup (suits answers quoting the prompt)

${GLOBAL_OPTIONS_HELP}`;

const PROGRESS_LABEL: Partial<Record<ProgressTask, string>> = { load: "Loading model", threads: "Measuring threads" };

export const chatCommand: Command = {
  words: ["chat"],
  summary: "Chat with a model, interactively or one --prompt at a time",
  usage,
  options: {
    model: { type: "string", short: "m" },
    prompt: { type: "string", short: "p" },
    json: { type: "boolean" },
    system: { type: "string" },
    threads: { type: "string" },
    ctx: { type: "string" },
    "gpu-layers": { type: "string" },
    temperature: { type: "string" },
    seed: { type: "string" },
    "max-tokens": { type: "string" },
    lora: { type: "string" },
    draft: { type: "string" },
    "draft-min-confidence": { type: "string" },
    "prompt-lookup": { type: "boolean" },
  },
  async run(ctx) {
    const { values } = ctx.args;
    expectPositionals(ctx.args, [], usage);
    const model = stringOption(values, "model");
    if (model === undefined) throw new UsageError("--model is required", usage);
    let prompt = stringOption(values, "prompt");
    const json = values.json === true;
    if (json && prompt === undefined) throw new UsageError("--json needs --prompt (the interactive chat prints text)", usage);
    const systemPrompt = stringOption(values, "system");
    const load = loadArgs(values, model, ctx.cwd, usage);
    const gpuLayers = gpuLayersOption(values, usage);
    if (gpuLayers !== undefined) load.gpuLayers = gpuLayers;
    const lora = ctx.args.lists?.lora ?? [];
    if (lora.length > 0) load.lora = loraArgs(lora, ctx.cwd, usage);
    const draft = stringOption(values, "draft");
    if (draft !== undefined && values["prompt-lookup"] === true) throw new UsageError("choose one of --draft and --prompt-lookup", usage);
    const minConfidence = numberOption(values, "draft-min-confidence", { min: 0, max: 1 }, usage);
    if (minConfidence !== undefined && draft === undefined) throw new UsageError("--draft-min-confidence needs --draft", usage);
    if (draft !== undefined) load.speculative = { draft: modelRefArg(draft, ctx.cwd), ...(minConfidence !== undefined && { minConfidence }) };
    else if (values["prompt-lookup"] === true) load.speculative = "prompt-lookup";
    const sampling = samplingArgs(values, usage);

    if (prompt === "-") prompt = await text(ctx.io.stdin);
    if (prompt !== undefined && prompt.trim() === "") throw new UsageError("--prompt is empty", usage);

    const client = await ctx.engine();
    const loaded = await loadModel(client, load, ctx);
    if (!json && (prompt === undefined || ctx.io.stderr.isTTY === true)) ctx.io.stderr.write(`${ctx.style.err.dim(describeLoaded(loaded))}\n`);

    const newConversation = async (): Promise<string> => {
      const conversation = await client.call(
        "conversations.create",
        { ...(systemPrompt !== undefined && { systemPrompt }), ...(sampling !== undefined && { sampling }) },
        { signal: ctx.signal },
      );
      return conversation.id;
    };
    const conversationId = await newConversation();

    if (prompt === undefined) {
      await runRepl(ctx, client, { conversationId, sampling, newConversation });
      return ExitCode.OK;
    }

    const writer = json ? null : createDeltaWriter(ctx.io.stdout, ctx.io.stderr, ctx.style.err);
    const result = await runTurn(client, { kind: "send", conversationId, text: prompt, ...(sampling !== undefined && { sampling }) }, writer, ctx.signal);
    const message = result.assistantMessage;
    if (json) ctx.io.stdout.write(formatJson(chatJson(result, loaded)));
    else if (ctx.io.stderr.isTTY === true) ctx.io.stderr.write(`${ctx.style.err.dim(formatTurnStats(message))}\n`);
    if (message.stopReason === "aborted" || message.stopReason === "interrupted") return ExitCode.ABORTED;
    if (message.stopReason === "error" || message.status === "error") {
      ctx.io.stderr.write(`enclave: ${message.error ?? "the answer failed"}\n`);
      return ExitCode.GENERAL;
    }
    return ExitCode.OK;
  },
};

/** inference.load with its progress events drawn as a bar (on a terminal only). */
export async function loadModel(client: EngineClient, input: Input<"inference.load">, ctx: CommandContext): Promise<Output<"inference.load">> {
  let bar: ProgressBar | null = null;
  let task: ProgressTask | null = null;
  try {
    return await client.call("inference.load", input, {
      signal: ctx.signal,
      onEvent: (event, payload) => {
        if (event !== "progress") return;
        const progress = payload as ProgressEvent;
        if (progress.task !== task) {
          bar?.clear();
          task = progress.task;
          bar = createProgressBar(ctx.io.stderr, PROGRESS_LABEL[progress.task] ?? progress.task);
        }
        bar?.update(progress.fraction, progress.message);
      },
    });
  } finally {
    (bar as ProgressBar | null)?.clear();
  }
}

function describeLoaded(loaded: Output<"inference.load">): string {
  const name = loaded.model.name ?? loaded.model.displayName;
  const parts = [`${name}${loaded.model.quant ? ` ${loaded.model.quant}` : ""}`];
  parts.push(`${loaded.threads} thread${loaded.threads === 1 ? "" : "s"} (${loaded.threadsNote ?? loaded.threadsSource})`);
  parts.push(`context ${loaded.contextSize}`);
  parts.push(loaded.gpu === false ? "CPU" : `${loaded.gpu}, ${loaded.gpuLayers} GPU layers`);
  parts.push(`loaded in ${(loaded.loadMs / 1000).toFixed(1)} s`);
  return parts.join(" · ");
}
