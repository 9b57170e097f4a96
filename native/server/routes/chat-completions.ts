// POST /v1/chat/completions: stateless chat on the loaded model (completions.chat), streamed as
// OpenAI's chat.completion.chunk events or answered whole; with `enclave.collection`, a grounded
// answer (rag.ask) whose citations ride in an extra `enclave` field standard clients ignore.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CompletionResult, FinishReason, ToolCall } from "../../contract/completions.ts";
import { callForRequest } from "../call.ts";
import { nowSeconds, openAiId, type ServerContext } from "../context.ts";
import { toApiError } from "../openai-errors.ts";
import { ChatCompletionBody, lastUserText, parseBody, toChatInput } from "../openai-requests.ts";
import { openSse, type SseStream } from "../sse.ts";

const finish = (reason: FinishReason): string => (reason === "aborted" ? "stop" : reason);
const usageOf = (r: { promptTokens: number; completionTokens: number }) => ({
  prompt_tokens: r.promptTokens,
  completion_tokens: r.completionTokens,
  total_tokens: r.promptTokens + r.completionTokens,
});
const toolCallsOf = (calls: readonly ToolCall[]) => calls.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } }));

export function registerChatCompletions(app: FastifyInstance, ctx: ServerContext): void {
  app.post("/v1/chat/completions", async (request, reply) => {
    const body = parseBody(ChatCompletionBody, request.body);
    const input = toChatInput(body);
    const id = openAiId("chatcmpl");
    const created = nowSeconds();
    const started = performance.now();
    const grounded = body.enclave;

    const run = async (onText: (text: string) => void): Promise<CompletionResult & { enclave?: unknown }> => {
      if (!grounded) {
        return callForRequest(ctx.client, request, reply, "completions.chat", input, {
          onEvent: (event, payload) => event === "completion.delta" && onText((payload as { text: string }).text),
        });
      }
      const asked = await callForRequest(
        ctx.client,
        request,
        reply,
        "rag.ask",
        { question: lastUserText(input.messages), collection: grounded.collection, ...(grounded.k && { k: grounded.k }), sampling: input.options ?? {}, model: body.model },
        { onEvent: (event, payload) => event === "chat.delta" && (payload as { kind: string }).kind === "text" && onText((payload as { text: string }).text) },
      );
      const stats = asked.message?.stats;
      return {
        model: stats?.modelId ?? body.model,
        text: asked.answer ?? "",
        finishReason: asked.message?.stopReason === "max-tokens" ? "length" : "stop",
        toolCalls: [],
        usage: { promptTokens: stats?.promptTokens ?? 0, completionTokens: stats?.outputTokens ?? 0 },
        ttftMs: stats?.ttftMs ?? 0,
        enclave: { conversationId: asked.conversationId, citations: asked.citations, sources: asked.sources },
      };
    };
    const record = (result: CompletionResult): void =>
      ctx.recordGeneration(request, { model: result.model, ...result.usage, ttftMs: result.ttftMs, totalMs: performance.now() - started });

    if (!body.stream) {
      const result = await run(() => undefined);
      record(result);
      return {
        id,
        object: "chat.completion",
        created,
        model: body.model, // as asked, the way OpenAI echoes it
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: result.toolCalls.length && !result.text ? null : result.text, refusal: null, ...(result.toolCalls.length && { tool_calls: toolCallsOf(result.toolCalls) }) },
            logprobs: null,
            finish_reason: finish(result.finishReason),
          },
        ],
        usage: usageOf(result.usage),
        ...(result.enclave !== undefined && { enclave: result.enclave }),
      };
    }
    return streamChat(request, reply, { id, created, model: body.model, includeUsage: body.stream_options?.include_usage === true }, run, record);
  });
}

async function streamChat(
  _request: FastifyRequest,
  reply: FastifyReply,
  meta: { id: string; created: number; model: string; includeUsage: boolean },
  run: (onText: (text: string) => void) => Promise<CompletionResult & { enclave?: unknown }>,
  record: (result: CompletionResult) => void,
): Promise<void> {
  // The stream opens with the first token, so a request refused before it (unknown model, a full
  // queue) still gets its HTTP status (404, 429) instead of an error inside a 200 stream.
  let sse: SseStream | undefined;
  const chunk = (model: string, delta: object, finishReason: string | null, extra: object = {}) => ({
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(meta.includeUsage && { usage: null }),
    ...extra,
  });
  const open = (): SseStream => {
    if (!sse) {
      sse = openSse(reply);
      sse.send(chunk(meta.model, { role: "assistant", content: "" }, null));
    }
    return sse;
  };
  let result: CompletionResult & { enclave?: unknown };
  try {
    result = await run((text) => open().send(chunk(meta.model, { content: text }, null)));
  } catch (err) {
    if (!sse) throw err;
    // Headers are gone: the error travels as an event, the way OpenAI reports mid-stream failures.
    sse.send(toApiError(err).body);
    return sse.done();
  }
  record(result);
  const stream = open();
  if (result.toolCalls.length) stream.send(chunk(meta.model, { tool_calls: toolCallsOf(result.toolCalls).map((c, index) => ({ index, ...c })) }, null));
  stream.send(chunk(meta.model, {}, finish(result.finishReason), result.enclave !== undefined ? { enclave: result.enclave } : {}));
  if (meta.includeUsage) stream.send({ id: meta.id, object: "chat.completion.chunk", created: meta.created, model: meta.model, choices: [], usage: usageOf(result.usage) });
  stream.done();
}
