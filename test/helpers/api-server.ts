// A real engine with the tiny test model loaded (serving sequences on) and the API server in front of
// it on a loopback port, for the API server's integration tests.
import type { FastifyInstance } from "fastify";
import { startApiServer, type StartedApiServer } from "../../native/server/start.ts";
import type { ApiServerOptions } from "../../native/server/app.ts";
import { getTestModels, type TestModels } from "../fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./engine.ts";

export const API_TOKEN = "sk-enclave-test-token-0123456789";

export interface TestApiServer {
  engine: TestEngine;
  models: TestModels;
  server: StartedApiServer;
  app: FastifyInstance;
  /** Base URL ending in /v1. */
  url: string;
  /** The loaded model's library id. */
  modelId: string;
  close(): Promise<void>;
}

export async function startTestApiServer(options: Partial<ApiServerOptions> & { servingSequences?: number; contextSize?: number } = {}): Promise<TestApiServer> {
  const models = await getTestModels();
  const engine = await startTestEngine();
  const loaded = await engine.client.call("inference.load", { model: models.q8_0, contextSize: options.contextSize ?? 512, servingSequences: options.servingSequences ?? 2 });
  const server = await startApiServer({ client: engine.client, token: API_TOKEN, host: "127.0.0.1", port: 0, ...options });
  return {
    engine,
    models,
    server,
    app: server.app,
    url: server.url,
    modelId: loaded.model.id,
    async close() {
      await server.close();
      await engine.close();
    },
  };
}
