// A remote model: chat, text completions and embeddings forwarded to an OpenAI-compatible endpoint
// (vLLM, llama.cpp's server, Ollama, another Enclave), streamed back as the same deltas and results a
// local model gives. Refused at once while offline. The endpoint's errors keep their meaning: its
// 404 is MODEL_NOT_FOUND, its 429 is BUSY (queue full), an unreachable host is ENGINE_UNAVAILABLE.
import type { CompletionMessage, CompletionResult, FinishReason, GenerationOptions, ResponseFormat, ToolSpec } from "../contract/completions.ts";
import { EngineError } from "../contract/errors.ts";
import type { RemoteModel } from "../contract/settings.ts";

export interface RemoteCall {
  remote: RemoteModel;
  key: string | undefined;
  offline: boolean;
  signal: AbortSignal;
}

/** Throws OFFLINE while offline mode is on: called before anything is sent, or written. */
export function refuseIfOffline(call: Pick<RemoteCall, "remote" | "offline">): void {
  if (call.offline) throw new EngineError("OFFLINE", `"${call.remote.id}" is a remote model (${new URL(call.remote.baseUrl).host}); offline mode is on, so Enclave does not contact it.`);
}

async function post(call: RemoteCall, path: string, body: object): Promise<Response> {
  return send(call, path, { method: "POST", body: JSON.stringify({ ...body, model: call.remote.model }) });
}

async function send(call: RemoteCall, path: string, init: { method: "GET" | "POST"; body?: string }): Promise<Response> {
  refuseIfOffline(call);
  const url = `${call.remote.baseUrl.replace(/\/+$/, "")}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { ...(init.body !== undefined && { "content-type": "application/json" }), ...(call.key && { authorization: `Bearer ${call.key}` }) },
      signal: call.signal,
    });
  } catch (err) {
    if (call.signal.aborted) throw new EngineError("ABORTED", "Cancelled.");
    throw new EngineError("ENGINE_UNAVAILABLE", `The remote model "${call.remote.id}" could not be reached at ${url}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
  }
  if (res.ok) return res;
  const text = await res.text();
  let message = text.slice(0, 500);
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // not JSON: keep the text
  }
  const where = `the remote model "${call.remote.id}" answered ${res.status}: ${message}`;
  if (res.status === 401 || res.status === 403) throw new EngineError("PERMISSION_DENIED", `${where} (check its API key: Settings → Remote models, or remote.setKey)`);
  if (res.status === 404) throw new EngineError("MODEL_NOT_FOUND", where, { param: "model" });
  if (res.status === 429) throw new EngineError("BUSY", where, { queueFull: true, retryAfterS: Number(res.headers.get("retry-after")) || 1 });
  if (res.status === 400 || res.status === 413) throw new EngineError("INVALID_INPUT", where);
  throw new EngineError("ENGINE_UNAVAILABLE", where);
}

/** Reads an SSE body: one JSON object per `data:` event until `[DONE]`. */
async function* events(res: Response): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true }).replaceAll("\r\n", "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart())
        .join("\n");
      if (!data) continue;
      if (data === "[DONE]") return;
      const parsed = JSON.parse(data) as { error?: { message?: string } };
      if (parsed.error) throw new EngineError("ENGINE_UNAVAILABLE", `The remote model failed mid-answer: ${parsed.error.message ?? "unknown error"}`);
      yield parsed;
    }
  }
}

function openAiOptions(options: GenerationOptions, format: ResponseFormat | undefined): object {
  return {
    ...(options.temperature !== undefined && { temperature: options.temperature }),
    ...(options.topP !== undefined && { top_p: options.topP }),
    ...(options.maxTokens !== undefined && { max_tokens: options.maxTokens }),
    ...(options.stop?.length && { stop: options.stop }),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.presencePenalty !== undefined && { presence_penalty: options.presencePenalty }),
    ...(options.frequencyPenalty !== undefined && { frequency_penalty: options.frequencyPenalty }),
    ...(format && format.type !== "text" && { response_format: format.type === "json_object" ? { type: "json_object" } : { type: "json_schema", json_schema: { name: "response", schema: format.schema } } }),
  };
}

type Chunk = { choices?: { delta?: { content?: string | null; tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[] }; text?: string; finish_reason?: string | null }[]; usage?: { prompt_tokens: number; completion_tokens: number } | null };

async function streamed(call: RemoteCall, path: string, body: object, onText: (text: string) => void, pick: (c: NonNullable<Chunk["choices"]>[number]) => string | undefined): Promise<CompletionResult> {
  const started = performance.now();
  let first: number | undefined;
  let text = "";
  let finish: string | null = null;
  let usage = { promptTokens: 0, completionTokens: 0 };
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  try {
    const res = await post(call, path, { ...body, stream: true, stream_options: { include_usage: true } });
    for await (const event of events(res)) {
      const chunk = event as Chunk;
      const choice = chunk.choices?.[0];
      const piece = choice ? pick(choice) : undefined;
      if (piece) {
        first ??= performance.now();
        text += piece;
        onText(piece);
      }
      for (const t of choice?.delta?.tool_calls ?? []) {
        const known = calls.get(t.index) ?? { id: t.id ?? `call_${t.index}`, name: "", arguments: "" };
        known.name += t.function?.name ?? "";
        known.arguments += t.function?.arguments ?? "";
        calls.set(t.index, known);
      }
      finish = choice?.finish_reason ?? finish;
      if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
    }
  } catch (err) {
    if (!call.signal.aborted) throw err;
    finish = "aborted";
  }
  const reasons: Record<string, FinishReason> = { length: "length", tool_calls: "tool_calls", aborted: "aborted" };
  return {
    model: call.remote.id,
    text,
    finishReason: reasons[finish ?? ""] ?? "stop",
    toolCalls: [...calls.values()],
    usage,
    ttftMs: Math.round(((first ?? performance.now()) - started) * 10) / 10,
  };
}

export function remoteChat(
  call: RemoteCall,
  input: { messages: readonly CompletionMessage[]; options: GenerationOptions; responseFormat?: ResponseFormat; tools?: readonly ToolSpec[]; toolChoice?: unknown },
  onText: (text: string) => void,
): Promise<CompletionResult> {
  const messages = input.messages.map((m) => ({
    role: m.role,
    content: m.content,
    ...(m.toolCalls && { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) }),
    ...(m.toolCallId && { tool_call_id: m.toolCallId }),
  }));
  const tools = input.tools?.map((t) => ({ type: "function", function: { name: t.name, ...(t.description && { description: t.description }), ...(t.parameters && { parameters: t.parameters }) } }));
  const choice = typeof input.toolChoice === "object" && input.toolChoice ? { type: "function", function: input.toolChoice } : input.toolChoice;
  const body = { messages, ...openAiOptions(input.options, input.responseFormat), ...(tools?.length && { tools }), ...(choice !== undefined && { tool_choice: choice }) };
  return streamed(call, "/chat/completions", body, onText, (c) => c.delta?.content ?? undefined);
}

export function remoteText(call: RemoteCall, input: { prompt: string; options: GenerationOptions; responseFormat?: ResponseFormat }, onText: (text: string) => void): Promise<CompletionResult> {
  return streamed(call, "/completions", { prompt: input.prompt, ...openAiOptions(input.options, input.responseFormat) }, onText, (c) => c.text);
}

export async function remoteEmbeddings(call: RemoteCall, input: readonly string[]): Promise<{ model: string; vectors: number[][]; promptTokens: number }> {
  const res = await post(call, "/embeddings", { input, encoding_format: "float" });
  const body = (await res.json()) as { data: { index: number; embedding: number[] }[]; usage?: { prompt_tokens?: number } };
  const vectors = [...body.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
  return { model: call.remote.id, vectors, promptTokens: body.usage?.prompt_tokens ?? 0 };
}

/** The model ids the endpoint serves (GET /models): a connection test, and what to pick from. */
export async function remoteModelIds(call: RemoteCall): Promise<string[]> {
  const res = await send(call, "/models", { method: "GET" });
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new EngineError("ENGINE_UNAVAILABLE", `${call.remote.baseUrl} answered, but not with JSON: is it an OpenAI-compatible base URL (ending in /v1)?`);
  }
  const data = (body as { data?: unknown }).data;
  if (!Array.isArray(data)) throw new EngineError("ENGINE_UNAVAILABLE", `${call.remote.baseUrl}/models did not list models: is it an OpenAI-compatible base URL (ending in /v1)?`);
  return data.map((m) => (m as { id?: unknown }).id).filter((id): id is string => typeof id === "string");
}
