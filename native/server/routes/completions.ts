// POST /v1/completions: a raw prompt continued by the loaded model (completions.text), streamed as
// text_completion events or answered whole.
import type { FastifyInstance } from "fastify";
import type { CompletionResult } from "../../contract/completions.ts";
import { callForRequest } from "../call.ts";
import { nowSeconds, openAiId, type ServerContext } from "../context.ts";
import { toApiError } from "../openai-errors.ts";
import { CompletionBody, parseBody, toTextInput } from "../openai-requests.ts";
import { openSse, type SseStream } from "../sse.ts";

export function registerCompletions(app: FastifyInstance, ctx: ServerContext): void {
  app.post("/v1/completions", async (request, reply) => {
    const body = parseBody(CompletionBody, request.body);
    const id = openAiId("cmpl");
    const created = nowSeconds();
    const started = performance.now();
    const choice = (text: string, finishReason: string | null) => ({ id, object: "text_completion", created, model: body.model, choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }] });
    const usage = (r: CompletionResult) => ({ prompt_tokens: r.usage.promptTokens, completion_tokens: r.usage.completionTokens, total_tokens: r.usage.promptTokens + r.usage.completionTokens });
    let sse: SseStream | undefined;
    const open = (): SseStream => (sse ??= openSse(reply));
    let result: CompletionResult;
    try {
      result = await callForRequest(ctx.client, request, reply, "completions.text", toTextInput(body), {
        onEvent: (event, payload) => body.stream && event === "completion.delta" && open().send(choice((payload as { text: string }).text, null)),
      });
    } catch (err) {
      if (!sse) throw err;
      sse.send(toApiError(err).body);
      return sse.done();
    }
    ctx.recordGeneration(request, { model: result.model, ...result.usage, ttftMs: result.ttftMs, totalMs: performance.now() - started });
    const finish = result.finishReason === "aborted" ? "stop" : result.finishReason;
    if (!body.stream) return { ...choice(result.text, finish), usage: usage(result) };
    const stream = open();
    stream.send(choice("", finish));
    if (body.stream_options?.include_usage) stream.send({ id, object: "text_completion", created, model: body.model, choices: [], usage: usage(result) });
    stream.done();
  });
}
