// Prometheus metrics for the API server (prom-client, on a registry of its own so that two servers
// in one process never share counters): requests by route and status, tokens in and out, time to
// first token and tokens/s, the serving queue and the loaded model. Off unless settings say so.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { EngineClient } from "../client/types.ts";
import type { GenerationRecord } from "./context.ts";

export class ApiMetrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({ name: "enclave_api_requests_total", help: "HTTP requests by route and status", labelNames: ["route", "method", "status"], registers: [this.registry] });
  readonly #tokens = new Counter({ name: "enclave_api_tokens_total", help: "Tokens read (prompt) and written (completion)", labelNames: ["direction"], registers: [this.registry] });
  readonly #ttft = new Histogram({
    name: "enclave_api_time_to_first_token_seconds",
    help: "Time from request to first generated token",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });
  readonly #speed = new Histogram({ name: "enclave_api_tokens_per_second", help: "Generation speed per request", buckets: [1, 5, 10, 20, 40, 80, 160, 320, 1000], registers: [this.registry] });

  constructor(client: EngineClient) {
    const registry = this.registry;
    // Read from the engine when scraped, so they are never stale.
    new Gauge({
      name: "enclave_api_queue_depth",
      help: "Stateless requests waiting for a serving sequence",
      registers: [registry],
      async collect() {
        this.set((await client.call("completions.status", {})).queued);
      },
    });
    new Gauge({
      name: "enclave_api_sequences_busy",
      help: "Serving sequences generating now",
      registers: [registry],
      async collect() {
        this.set((await client.call("completions.status", {})).running);
      },
    });
    new Gauge({
      name: "enclave_loaded_model_info",
      help: "The loaded model (1) with its id and quantization as labels",
      labelNames: ["model", "name", "quant"],
      registers: [registry],
      async collect() {
        this.reset();
        const { loaded } = await client.call("inference.status", {});
        if (loaded) this.set({ model: loaded.model.id, name: loaded.model.displayName, quant: loaded.model.quant ?? "" }, 1);
      },
    });
  }

  request(route: string, method: string, status: number): void {
    this.#requests.inc({ route, method, status: String(status) });
  }

  generation(record: GenerationRecord): void {
    this.#tokens.inc({ direction: "prompt" }, record.promptTokens);
    this.#tokens.inc({ direction: "completion" }, record.completionTokens);
    if (record.completionTokens > 0) this.#ttft.observe(record.ttftMs / 1000);
    const decodeMs = record.totalMs - record.ttftMs;
    if (record.completionTokens > 1 && decodeMs > 0) this.#speed.observe(((record.completionTokens - 1) * 1000) / decodeMs);
  }
}
