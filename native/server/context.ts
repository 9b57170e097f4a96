// What every route is given: the engine client (the router behind it), and where a finished
// generation is reported (metrics, the request log). No prompt or answer text is ever reported.
import type { FastifyRequest } from "fastify";
import type { EngineClient } from "../client/types.ts";

export interface GenerationRecord {
  model: string;
  promptTokens: number;
  completionTokens: number;
  ttftMs: number;
  totalMs: number;
}

export interface ServerContext {
  client: EngineClient;
  /** Called once per finished generation (streamed or not). */
  recordGeneration(request: FastifyRequest, record: GenerationRecord): void;
}

export function openAiId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
