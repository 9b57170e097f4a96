// POST /v1/embeddings: one vector per input, by the model the request names. The official SDKs ask
// for base64 (little-endian float32) by default and decode it themselves.
import type { FastifyInstance } from "fastify";
import { callForRequest } from "../call.ts";
import type { ServerContext } from "../context.ts";
import { EmbeddingBody, parseBody } from "../openai-requests.ts";

export function registerEmbeddings(app: FastifyInstance, ctx: ServerContext): void {
  app.post("/v1/embeddings", async (request, reply) => {
    const body = parseBody(EmbeddingBody, request.body);
    const input = typeof body.input === "string" ? [body.input] : body.input;
    const result = await callForRequest(ctx.client, request, reply, "embeddings.create", { model: body.model, input });
    const encode = (vector: number[]): number[] | string =>
      body.encoding_format === "base64" ? Buffer.from(Float32Array.from(vector).buffer).toString("base64") : vector;
    return {
      object: "list",
      data: result.vectors.map((vector, index) => ({ object: "embedding", index, embedding: encode(vector) })),
      model: body.model,
      usage: { prompt_tokens: result.promptTokens, total_tokens: result.promptTokens },
    };
  });
}
