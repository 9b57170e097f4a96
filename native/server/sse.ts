// Server-sent events on a hijacked fastify reply: the headers fastify and its plugins (CORS) set are
// kept, each event is one `data:` line, and the stream ends with `data: [DONE]` as OpenAI's does.
import type { FastifyReply } from "fastify";

export interface SseStream {
  send(data: unknown): void;
  /** Sends `data: [DONE]` and ends the response. */
  done(): void;
  readonly closed: boolean;
}

export function openSse(reply: FastifyReply): SseStream {
  reply.hijack();
  const raw = reply.raw;
  const headers: Record<string, string | number | readonly string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
  raw.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    // Reverse proxies (nginx) must not buffer the stream.
    "x-accel-buffering": "no",
  });
  const writable = (): boolean => !raw.destroyed && !raw.writableEnded;
  return {
    send(data) {
      if (writable()) raw.write(`data: ${JSON.stringify(data)}\n\n`);
    },
    done() {
      if (writable()) raw.end("data: [DONE]\n\n");
    },
    get closed() {
      return !writable();
    },
  };
}
