// Stateless generation for the OpenAI-compatible API server (and any other front-end that needs
// it): a chat completion over messages the caller sends, a raw text completion, and embeddings by
// a named model. Nothing is stored; each call runs on its own context sequence of the loaded model,
// so several callers share one model without mixing their streams.
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { ModelRef } from "./models.ts";
import { Sampling } from "./conversations.ts";

export const ToolCall = z.object({
  id: z.string(),
  name: z.string(),
  /** The arguments as a JSON text, as OpenAI clients expect them. */
  arguments: z.string(),
});
export type ToolCall = z.infer<typeof ToolCall>;

export const CompletionMessage = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string(),
  /** Assistant messages that called tools. */
  toolCalls: z.array(ToolCall).optional(),
  /** Tool messages: the call this is the result of. */
  toolCallId: z.string().optional(),
});
export type CompletionMessage = z.infer<typeof CompletionMessage>;

/** Sampling plus the options OpenAI clients send that llama.cpp also has. */
export const GenerationOptions = Sampling.extend({
  stop: z.array(z.string().min(1)).max(16).optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
});
export type GenerationOptions = z.infer<typeof GenerationOptions>;

export const ResponseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({ type: z.literal("json_schema"), schema: z.record(z.string(), z.unknown()) }),
]);
export type ResponseFormat = z.infer<typeof ResponseFormat>;

export const ToolSpec = z.object({
  name: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '_' and '-'"),
  description: z.string().optional(),
  /** A JSON schema of the arguments object. */
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export type ToolSpec = z.infer<typeof ToolSpec>;

export const FinishReason = z.enum(["stop", "length", "tool_calls", "aborted"]);
export type FinishReason = z.infer<typeof FinishReason>;

export const Usage = z.object({ promptTokens: z.number().int(), completionTokens: z.number().int() });
export type Usage = z.infer<typeof Usage>;

export const CompletionResult = z.object({
  /** The library id of the model that answered. */
  model: z.string(),
  text: z.string(),
  finishReason: FinishReason,
  toolCalls: z.array(ToolCall),
  usage: Usage,
  ttftMs: z.number(),
});
export type CompletionResult = z.infer<typeof CompletionResult>;

/** Which loaded model to use; omitted → whatever is loaded. Another model is MODEL_NOT_FOUND /
 *  NO_MODEL_LOADED: the API never switches the model under the app. */
const TargetModel = ModelRef.optional();

export const completionMethods = defineMethods({
  "completions.chat": {
    summary: "Answer a list of messages without storing anything (the API server's chat completion); streams completion.delta events.",
    input: z.object({
      model: TargetModel,
      messages: z.array(CompletionMessage).min(1).max(10_000),
      options: GenerationOptions.optional(),
      responseFormat: ResponseFormat.optional(),
      tools: z.array(ToolSpec).max(128).optional(),
      toolChoice: z.union([z.enum(["auto", "none", "required"]), z.object({ name: z.string() })]).optional(),
    }),
    output: CompletionResult,
  },
  "completions.text": {
    summary: "Continue a raw prompt (no chat template), without storing anything; streams completion.delta events.",
    input: z.object({
      model: TargetModel,
      prompt: z.string().min(1).max(1_000_000),
      options: GenerationOptions.optional(),
      responseFormat: ResponseFormat.optional(),
    }),
    output: CompletionResult,
  },
  "embeddings.create": {
    summary: "Embed texts with the named model (any local GGUF that can embed, the loaded chat model included).",
    input: z.object({ model: ModelRef, input: z.array(z.string()).min(1).max(2048) }),
    output: z.object({ model: z.string(), vectors: z.array(z.array(z.number())), promptTokens: z.number().int() }),
  },
  "completions.status": {
    summary: "How many stateless requests run and wait on the loaded model's serving sequences.",
    input: z.object({}),
    output: z.object({ slots: z.number().int(), running: z.number().int(), queued: z.number().int(), maxQueue: z.number().int() }),
  },
});

export const ApiServerStatus = z.object({
  running: z.boolean(),
  /** Base URL clients use (ends in /v1), when running. */
  url: z.string().nullable(),
  /** Why the last start failed (port in use, refused host), if it did. */
  error: z.string().nullable(),
  /** The bearer token clients must send; null until the app has attached the server. */
  token: z.string().nullable(),
  /** Where the token is kept: the OS keychain (desktop app) or a 0600 file in the data folder. */
  tokenStore: z.enum(["keychain", "file"]).nullable(),
});
export type ApiServerStatus = z.infer<typeof ApiServerStatus>;

export const apiServerMethods = defineMethods({
  "apiServer.attach": {
    summary: "Run the API server from this engine whenever settings enable it (the desktop app calls this at start, with its keychain token).",
    input: z.object({ token: z.string().min(16).optional() }),
    output: ApiServerStatus,
  },
  "apiServer.status": {
    summary: "Whether the API server runs, where, and its token.",
    input: z.object({}),
    output: ApiServerStatus,
  },
});

export const remoteMethods = defineMethods({
  "remote.setKey": {
    summary: "Store (or with null, forget) the API key of a remote model; kept in a 0600 file, never in settings.",
    input: z.object({ id: z.string().min(1), key: z.string().min(1).max(4096).nullable() }),
    output: z.object({ id: z.string(), hasKey: z.boolean() }),
  },
  "remote.keys": {
    summary: "Which remote models have an API key (never the keys) and where keys are kept.",
    input: z.object({}),
    output: z.object({ withKey: z.array(z.string()), store: z.enum(["keychain", "file"]) }),
  },
  "remote.test": {
    summary: "Test a remote model's connection: lists the model ids its endpoint serves and whether its model is one of them (refused offline or by policy).",
    input: z.object({ id: z.string().min(1) }),
    output: z.object({ models: z.array(z.string()), modelListed: z.boolean(), latencyMs: z.number() }),
  },
  "remote.attachKeys": {
    summary: "The desktop app hands over the remote models' keys from the OS keychain; from then on they are held in memory, not in the file. Returns keys the file held that the app must move to the keychain.",
    input: z.object({ keys: z.record(z.string(), z.string().min(1).max(4096)) }),
    output: z.object({ moved: z.record(z.string(), z.string()) }),
  },
});
