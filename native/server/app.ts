// The OpenAI-compatible API server: fastify routes over the engine client (the same router every
// front-end calls). Secure by default: a bearer token on every route, CORS closed unless origins are
// listed, a body limit, and request logs that carry no prompt or answer text.
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import cors from "@fastify/cors";
import type { EngineClient } from "../client/types.ts";
import type { ApiRequestLogEntry } from "../contract/audit.ts";
import { createTokenCheck } from "./auth.ts";
import type { GenerationRecord, ServerContext } from "./context.ts";
import { ApiMetrics } from "./metrics.ts";
import { ApiError, toApiError } from "./openai-errors.ts";
import { registerChatCompletions } from "./routes/chat-completions.ts";
import { registerCompletions } from "./routes/completions.ts";
import { registerEmbeddings } from "./routes/embeddings.ts";
import { registerEnclaveRoutes } from "./routes/enclave.ts";
import { registerModels } from "./routes/models.ts";

/** What is logged (and audited) per request: never prompt or answer text. */
export type RequestLogEntry = ApiRequestLogEntry;

export interface ApiServerOptions {
  client: EngineClient;
  token: string;
  /** Browser origins allowed to call the API; empty → CORS closed. */
  corsOrigins?: readonly string[];
  /** Serve Prometheus metrics at /metrics (behind the token like everything else). */
  metrics?: boolean;
  /** Largest accepted request body. Default 8 MiB. */
  bodyLimit?: number;
  /** Hook for the request log (the integrator wires the audit log here). */
  onRequestLogged?: (entry: RequestLogEntry) => void;
}

export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

export async function buildApiServer(options: ApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT });
  const checkToken = createTokenCheck(options.token);
  const metrics = options.metrics ? new ApiMetrics(options.client) : undefined;
  const generations = new WeakMap<FastifyRequest, GenerationRecord>();
  const ctx: ServerContext = {
    client: options.client,
    recordGeneration(request, record) {
      generations.set(request, record);
      metrics?.generation(record);
    },
  };

  const origins = options.corsOrigins ?? [];
  if (origins.length) await app.register(cors, { origin: [...origins], methods: ["GET", "POST"], allowedHeaders: ["authorization", "content-type"], maxAge: 600 });

  app.addHook("onRequest", async (request) => {
    if (request.method === "OPTIONS") return; // a CORS preflight carries no credentials
    checkToken(request.headers.authorization);
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics?.request(route, request.method, reply.statusCode);
    const generation = generations.get(request);
    options.onRequestLogged?.({
      at: new Date().toISOString(),
      method: request.method,
      route,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      ...(generation && { model: generation.model, promptTokens: generation.promptTokens, completionTokens: generation.completionTokens, ttftMs: generation.ttftMs }),
    });
  });

  app.setErrorHandler(async (err, _request, reply) => {
    const apiError = toApiError(err);
    return reply.status(apiError.status).headers(apiError.headers).send(apiError.body);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const error = new ApiError(404, `Invalid URL (${request.method} ${request.url})`, "invalid_request_error");
    return reply.status(404).send(error.body);
  });

  registerModels(app, ctx);
  registerChatCompletions(app, ctx);
  registerCompletions(app, ctx);
  registerEmbeddings(app, ctx);
  registerEnclaveRoutes(app, ctx);
  if (metrics) {
    app.get("/metrics", async (_request, reply) => reply.header("content-type", metrics.registry.contentType).send(await metrics.registry.metrics()));
  }
  return app;
}
