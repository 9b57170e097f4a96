// Child process: loads one variant in a fresh process and reports its speed and its resident
// memory. A fresh process is what makes the memory figure honest: in the engine, memory freed by the
// previous variant was handed to the next one and its growth read as zero. Protocol: one
// FootprintRequest in, one FootprintMessage out.
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import type { Token } from "node-llama-cpp";

export interface FootprintRequest {
  path: string;
  tokens: Token[];
  threads: number;
  decodeTokens: number;
  contextSize: number;
  gpu: "auto" | false;
  gpuLayers: "auto" | number;
}

export type FootprintMessage =
  | { type: "done"; prefillTokensPerSecond: number; decodeTokensPerSecond: number; measuredRamBytes: number }
  | { type: "error"; message: string };

const send = (message: FootprintMessage) =>
  new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

async function run(req: FootprintRequest): Promise<FootprintMessage> {
  const llama = await getLlama({ gpu: req.gpu, build: "never", maxThreads: req.threads, logLevel: LlamaLogLevel.error });
  const before = process.memoryUsage().rss;
  const model = await llama.loadModel({ modelPath: req.path, gpuLayers: req.gpuLayers });
  const context = await model.createContext({ contextSize: req.contextSize, sequences: 1, threads: { ideal: req.threads, min: req.threads } });
  const sequence = context.getSequence();
  const started = performance.now();
  let firstAt = 0;
  let produced = 0;
  for await (const _token of sequence.evaluate(req.tokens, { temperature: 0 })) {
    const now = performance.now();
    if (produced === 0) firstAt = now;
    produced += 1;
    if (produced >= req.decodeTokens) break;
  }
  const decodeMs = performance.now() - firstAt;
  // Every weight has been read (mmapped pages are resident) and the context is allocated.
  const measuredRamBytes = Math.max(0, process.memoryUsage().rss - before);
  return {
    type: "done",
    prefillTokensPerSecond: perSecond(req.tokens.length, firstAt - started),
    // The first token came with the prefill; the rest are pure decode.
    decodeTokensPerSecond: produced > 1 ? perSecond(produced - 1, decodeMs) : 0,
    measuredRamBytes,
  };
}

function perSecond(count: number, ms: number): number {
  return Math.round((count * 1000 * 100) / Math.max(ms, 0.001)) / 100;
}

process.once("message", (req: FootprintRequest) => {
  void run(req)
    .catch((err: unknown): FootprintMessage => ({ type: "error", message: err instanceof Error ? err.message : String(err) }))
    .then(send)
    .finally(() => process.exit(0));
});
