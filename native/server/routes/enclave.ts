// Enclave's own extensions under /v1/enclave/ (documented in the README): collections and search.
// Grounded chat is /v1/chat/completions with an `enclave: {collection}` field.
import type { FastifyInstance } from "fastify";
import { callForRequest } from "../call.ts";
import type { ServerContext } from "../context.ts";
import { parseBody, SearchBody } from "../openai-requests.ts";

export function registerEnclaveRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get("/v1/enclave/collections", async () => {
    const { collections } = await ctx.client.call("rag.collections", {});
    return { object: "list", data: collections };
  });
  app.post("/v1/enclave/search", async (request, reply) => {
    const body = parseBody(SearchBody, request.body);
    const result = await callForRequest(ctx.client, request, reply, "rag.search", body);
    return { object: "list", mode: result.mode, data: result.hits };
  });
}
