// One stateless generation on a serving sequence: a chat answer over caller-supplied messages
// (LlamaChat, with a JSON grammar or function calling when asked) or a raw prompt continuation
// (LlamaCompletion). The sequence's KV cache is reused where the new prompt shares a prefix with
// the last one; nothing else survives the call. Cancelling returns the partial text.
import type { ChatModelFunctions, LlamaChat, LlamaContextSequence, LlamaGrammar, LlamaModel } from "node-llama-cpp";
import { llamaLoaded } from "./llama-module.ts";
import { randomUUID } from "node:crypto";
import type { CompletionMessage, CompletionResult, FinishReason, GenerationOptions, ResponseFormat, ToolCall, ToolSpec } from "../contract/completions.ts";
import { EngineError } from "../contract/errors.ts";
import { toStatelessHistory } from "./openai-history.ts";

export interface StatelessRequest {
  modelId: string;
  options: GenerationOptions;
  responseFormat?: ResponseFormat;
  signal: AbortSignal;
  onText: (text: string) => void;
}

export async function generateChat(
  sequence: LlamaContextSequence,
  request: StatelessRequest & { messages: readonly CompletionMessage[]; tools?: readonly ToolSpec[]; toolChoice?: "auto" | "none" | "required" | { name: string } },
): Promise<CompletionResult> {
  const history = toStatelessHistory(request.messages);
  const grammar = await grammarFor(sequence.model, request.responseFormat);
  const chat = new (llamaLoaded().LlamaChat)({ contextSequence: sequence, autoDisposeSequence: false });
  try {
    const functions = functionsFor(request.tools, request.toolChoice, chat);
    if (functions && grammar) throw new EngineError("INVALID_INPUT", "response_format and tools cannot be combined: choose one.");
    return await metered(sequence, request, async (onText) => {
      const shared = { ...sampling(request.options), signal: request.signal, stopOnAbortSignal: true, onTextChunk: onText };
      const response = functions
        ? await chat.generateResponse(history, { ...shared, functions, documentFunctionParams: true })
        : await chat.generateResponse(history, { ...shared, ...(grammar ? { grammar } : {}) });
      const toolCalls: ToolCall[] = (response.functionCalls ?? []).map((call) => ({
        id: `call_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
        name: call.functionName,
        arguments: JSON.stringify(call.params ?? {}),
      }));
      return { text: response.response, stopReason: response.metadata.stopReason, toolCalls };
    });
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}

export async function generateText(sequence: LlamaContextSequence, request: StatelessRequest & { prompt: string }): Promise<CompletionResult> {
  const grammar = await grammarFor(sequence.model, request.responseFormat);
  const completion = new (llamaLoaded().LlamaCompletion)({ contextSequence: sequence, autoDisposeSequence: false });
  try {
    return await metered(sequence, request, async (onText) => {
      const response = await completion.generateCompletionWithMeta(request.prompt, {
        ...sampling(request.options),
        signal: request.signal,
        stopOnAbortSignal: true,
        onTextChunk: onText,
        ...(grammar ? { grammar } : {}),
      });
      return { text: response.response, stopReason: response.metadata.stopReason, toolCalls: [] };
    });
  } finally {
    completion.dispose({ disposeSequence: false });
  }
}

/** Runs a generation, measuring time to first token and the tokens it read and wrote. */
async function metered(
  sequence: LlamaContextSequence,
  request: StatelessRequest,
  run: (onText: (text: string) => void) => Promise<{ text: string; stopReason: string; toolCalls: ToolCall[] }>,
): Promise<CompletionResult> {
  const before = sequence.tokenMeter.getState();
  const started = performance.now();
  let firstAt: number | undefined;
  const outcome = await run((text) => {
    if (!text) return;
    firstAt ??= performance.now();
    request.onText(text);
  }).catch((err: unknown) => {
    // Cancelled before the first token, node-llama-cpp throws even with stopOnAbortSignal.
    if (request.signal.aborted) return { text: "", stopReason: "abort", toolCalls: [] };
    throw err;
  });
  const after = sequence.tokenMeter.getState();
  const completionTokens = after.usedOutputTokens - before.usedOutputTokens;
  return {
    model: request.modelId,
    text: outcome.text,
    finishReason: finishReason(outcome.stopReason, outcome.toolCalls.length > 0, request.signal.aborted),
    toolCalls: outcome.toolCalls,
    usage: { promptTokens: Math.max(0, sequence.nextTokenIndex - completionTokens), completionTokens },
    ttftMs: Math.round(((firstAt ?? performance.now()) - started) * 10) / 10,
  };
}

function sampling(options: GenerationOptions) {
  const penalise = (options.repeatPenalty !== undefined && options.repeatPenalty !== 1) || options.presencePenalty || options.frequencyPenalty;
  return {
    maxTokens: options.maxTokens,
    temperature: options.temperature,
    topP: options.topP,
    topK: options.topK,
    minP: options.minP,
    seed: options.seed,
    // llama.cpp's penalties are 0..1 and only push down; OpenAI's negative values (encourage
    // repetition) have no counterpart and are treated as 0.
    repeatPenalty: penalise
      ? {
          penalty: options.repeatPenalty ?? 1,
          presencePenalty: Math.min(1, Math.max(0, options.presencePenalty ?? 0)),
          frequencyPenalty: Math.min(1, Math.max(0, options.frequencyPenalty ?? 0)),
        }
      : (false as const),
    ...(options.stop?.length ? { customStopTriggers: options.stop } : {}),
  };
}

async function grammarFor(model: LlamaModel, format: ResponseFormat | undefined): Promise<LlamaGrammar | undefined> {
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return model.llama.getGrammarFor("json");
  try {
    return await model.llama.createGrammarForJsonSchema(format.schema as Parameters<typeof model.llama.createGrammarForJsonSchema>[0]);
  } catch (err) {
    throw new EngineError("INVALID_INPUT", `This JSON schema cannot be enforced: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function functionsFor(tools: readonly ToolSpec[] | undefined, choice: StatelessToolChoice, chat: LlamaChat): ChatModelFunctions | undefined {
  if (!tools?.length || choice === "none") return undefined;
  const call = chat.chatWrapper.settings.functions.call;
  if (!String(call.prefix)) {
    throw new EngineError("INVALID_INPUT", `This model's chat template (${chat.chatWrapper.wrapperName}) does not support tool calls.`);
  }
  if (choice === "required") throw new EngineError("INVALID_INPUT", 'tool_choice "required" cannot be enforced by this engine: use "auto" or name one tool.');
  const chosen = typeof choice === "object" ? tools.filter((t) => t.name === choice.name) : tools;
  if (chosen.length === 0) throw new EngineError("INVALID_INPUT", `tool_choice names a tool that is not in tools.`);
  return Object.fromEntries(
    chosen.map((tool) => [tool.name, { ...(tool.description ? { description: tool.description } : {}), ...(tool.parameters ? { params: tool.parameters } : {}) }]),
  ) as ChatModelFunctions;
}
type StatelessToolChoice = "auto" | "none" | "required" | { name: string } | undefined;

function finishReason(stopReason: string, calledTools: boolean, aborted: boolean): FinishReason {
  if (aborted || stopReason === "abort") return "aborted";
  if (calledTools || stopReason === "functionCalls") return "tool_calls";
  if (stopReason === "maxTokens") return "length";
  return "stop";
}
