// The OpenAI request bodies this server accepts, checked with zod, and their translation into the
// engine contract's inputs. Unknown fields are ignored as OpenAI clients send many; fields that
// would change the answer and that this engine cannot honour are refused with a clear 400.
import { z } from "zod";
import type { Input } from "../client/types.ts";
import type { CompletionMessage, GenerationOptions, ResponseFormat } from "../contract/completions.ts";
import { formatZodError } from "../contract/errors.ts";
import { SearchMode } from "../contract/rag.ts";
import { invalidRequest } from "./openai-errors.ts";

const TextPart = z.object({ type: z.literal("text"), text: z.string() });
const Content = z.union([z.string(), z.array(z.union([TextPart, z.object({ type: z.string() }).passthrough()])), z.null()]);

const Message = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: Content.optional(),
  tool_calls: z
    .array(z.object({ id: z.string(), type: z.literal("function").optional(), function: z.object({ name: z.string(), arguments: z.string() }) }))
    .optional(),
  tool_call_id: z.string().optional(),
});

const Sampling = {
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  n: z.number().int().nullish(),
  logprobs: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
};

const ResponseFormatBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({ type: z.literal("json_schema"), json_schema: z.object({ name: z.string().optional(), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish() }) }),
]);

/** Enclave's extension: answer grounded in a collection, citations in `enclave.citations`. */
const EnclaveExtension = z.object({ collection: z.string().min(1), k: z.number().int().min(1).max(50).optional() });

export const ChatCompletionBody = z.object({
  model: z.string().min(1),
  messages: z.array(Message).min(1),
  max_completion_tokens: z.number().int().min(1).nullish(),
  response_format: ResponseFormatBody.nullish(),
  tools: z
    .array(z.object({ type: z.literal("function"), function: z.object({ name: z.string(), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional() }) }))
    .nullish(),
  tool_choice: z.union([z.enum(["auto", "none", "required"]), z.object({ type: z.literal("function"), function: z.object({ name: z.string() }) })]).nullish(),
  enclave: EnclaveExtension.optional(),
  ...Sampling,
});
export type ChatCompletionBody = z.infer<typeof ChatCompletionBody>;

export const CompletionBody = z.object({
  model: z.string().min(1),
  prompt: z.union([z.string(), z.array(z.string()).length(1)]),
  response_format: ResponseFormatBody.nullish(),
  ...Sampling,
});
export type CompletionBody = z.infer<typeof CompletionBody>;

export const EmbeddingBody = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048)]),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.number().int().optional(),
});
export type EmbeddingBody = z.infer<typeof EmbeddingBody>;

export const SearchBody = z.object({
  collection: z.string().min(1),
  query: z.string().min(1),
  k: z.number().int().min(1).max(100).optional(),
  mode: SearchMode.optional(),
});

/** Parses a body or throws a 400 naming the first bad field, as OpenAI does. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw invalidRequest(formatZodError(parsed.error), first?.path.length ? first.path.join(".") : null);
}

function textOf(content: z.infer<typeof Content> | undefined, index: number): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  return content
    .map((part) => {
      if (part.type !== "text") throw invalidRequest(`Content parts of type "${part.type}" are not supported; send text.`, `messages.${index}.content`);
      return (part as z.infer<typeof TextPart>).text;
    })
    .join("");
}

function options(body: z.infer<z.ZodObject<typeof Sampling>> & { max_completion_tokens?: number | null }): GenerationOptions {
  if (body.n !== undefined && body.n !== null && body.n !== 1) throw invalidRequest("Only n = 1 is supported.", "n");
  if (body.logprobs) throw invalidRequest("logprobs are not available from this engine.", "logprobs");
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const stop = typeof body.stop === "string" ? [body.stop] : body.stop;
  return {
    ...(body.temperature != null && { temperature: body.temperature }),
    ...(body.top_p != null && { topP: body.top_p }),
    ...(maxTokens != null && { maxTokens }),
    ...(stop?.length && { stop: stop.filter((s) => s.length > 0) }),
    ...(body.seed != null && { seed: Math.abs(body.seed) }),
    ...(body.presence_penalty != null && { presencePenalty: body.presence_penalty }),
    ...(body.frequency_penalty != null && { frequencyPenalty: body.frequency_penalty }),
  };
}

function responseFormat(format: z.infer<typeof ResponseFormatBody> | null | undefined): ResponseFormat | undefined {
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  if (!format.json_schema.schema) throw invalidRequest("response_format.json_schema.schema is required.", "response_format");
  return { type: "json_schema", schema: format.json_schema.schema };
}

export function toChatInput(body: ChatCompletionBody): Input<"completions.chat"> {
  const messages: CompletionMessage[] = body.messages.map((m, i) => ({
    role: m.role === "developer" ? "system" : m.role,
    content: textOf(m.content, i),
    ...(m.tool_calls?.length && { toolCalls: m.tool_calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })) }),
    ...(m.tool_call_id && { toolCallId: m.tool_call_id }),
  }));
  const format = responseFormat(body.response_format);
  const choice = body.tool_choice;
  return {
    model: body.model,
    messages,
    options: options(body),
    ...(format && { responseFormat: format }),
    ...(body.tools?.length && {
      tools: body.tools.map((t) => ({ name: t.function.name, ...(t.function.description && { description: t.function.description }), ...(t.function.parameters && { parameters: t.function.parameters }) })),
    }),
    ...(choice && { toolChoice: typeof choice === "string" ? choice : { name: choice.function.name } }),
  };
}

export function toTextInput(body: CompletionBody): Input<"completions.text"> {
  const format = responseFormat(body.response_format);
  return { model: body.model, prompt: typeof body.prompt === "string" ? body.prompt : body.prompt[0]!, options: options(body), ...(format && { responseFormat: format }) };
}

/** The question a grounded chat asks: the last user message. */
export function lastUserText(messages: readonly CompletionMessage[]): string {
  const last = [...messages].reverse().find((m) => m.role === "user");
  if (!last?.content) throw invalidRequest("A grounded chat needs a user message to answer.", "messages");
  return last.content;
}
