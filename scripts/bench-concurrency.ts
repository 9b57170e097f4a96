// `npm run bench:concurrency`: the API server under concurrent streams. For 1, 4 and 16 streaming
// chat requests at once on one loaded model (serving sequences = the largest level), reports total
// output tokens/s across all streams and the median and p95 time to first token, as seen by an HTTP
// client on loopback. Prints a Markdown table for BENCHMARKS.md.
// Usage: npm run bench:concurrency [-- --model file.gguf | --tiny] [--tokens 32] [--levels 1,4,16] [--threads N]
import { parseArgs } from "node:util";
import { availableParallelism, cpus } from "node:os";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { startEngine } from "../native/client/start-engine.ts";
import { startApiServer } from "../native/server/start.ts";
import { getBenchModel, getTestModels } from "../test/fixtures/test-models.ts";
import { median } from "./median.ts";

const { values } = parseArgs({
  options: { model: { type: "string" }, tiny: { type: "boolean" }, tokens: { type: "string", default: "32" }, levels: { type: "string", default: "1,4,16" }, threads: { type: "string" } },
});
const tokens = Number(values.tokens);
const levels = values.levels!.split(",").map(Number);
const TOKEN = "sk-enclave-bench-token-000000000";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One streamed request: time to the first content chunk and the completion tokens reported. */
async function stream(url: string, model: string, i: number): Promise<{ ttftMs: number; tokens: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      model,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
      max_tokens: tokens,
      messages: [{ role: "user", content: `(${i}) Summarise why confidential documents should stay on the analyst's machine.` }],
    }),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const decoder = new TextDecoder();
  let first: number | undefined;
  let buffer = "";
  let used = 0;
  for await (const bytes of res.body!) {
    buffer += decoder.decode(bytes as Uint8Array, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (event === "data: [DONE]") continue;
      const chunk = JSON.parse(event.slice(6)) as { choices: { delta: { content?: string } }[]; usage?: { completion_tokens: number } | null };
      if (chunk.choices[0]?.delta.content) first ??= performance.now();
      if (chunk.usage) used = chunk.usage.completion_tokens;
    }
  }
  return { ttftMs: (first ?? performance.now()) - started, tokens: used };
}

const modelPath = values.model ?? (values.tiny ? (await getTestModels()).q8_0 : await getBenchModel());
const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-conc-"));
const threads = values.threads ?? String(Math.max(1, Math.min(2, availableParallelism())));
const client = await startEngine({ dataDir, gpu: false, env: { ENCLAVE_THREADS: threads } });
try {
  const loaded = await client.call("inference.load", { model: modelPath, contextSize: 512, servingSequences: Math.max(...levels) });
  const server = await startApiServer({ client, token: TOKEN, host: "127.0.0.1", port: 0 });
  const ask = (i: number) => stream(server.url, loaded.model.id, i);
  await ask(0); // warm-up: first-use costs are not part of any level
  const rows: string[] = [];
  for (const n of levels) {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: n }, (_, i) => ask(i + 1)));
    const wallS = (performance.now() - started) / 1000;
    const ttfts = results.map((r) => r.ttftMs).sort((a, b) => a - b);
    const total = results.reduce((sum, r) => sum + r.tokens, 0);
    rows.push(`| ${n} | ${(total / wallS).toFixed(1)} | ${(total / wallS / n).toFixed(1)} | ${median(ttfts).toFixed(0)} | ${percentile(ttfts, 95).toFixed(0)} |`);
    process.stderr.write(`${n} streams: ${total} tokens in ${wallS.toFixed(1)} s\n`);
  }
  await server.close();
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  console.log(`Model: ${loaded.model.displayName} (${loaded.model.quant}), ${threads} thread(s), context 512 per sequence, ${tokens} tokens per answer; ${cpu}, ${availableParallelism()} cores\n`);
  console.log("| Concurrent streams | Total tokens/s | Tokens/s per stream | Median TTFT (ms) | p95 TTFT (ms) |");
  console.log("|---:|---:|---:|---:|---:|");
  for (const row of rows) console.log(row);
} finally {
  await client.close();
  await rm(dataDir, { recursive: true, force: true });
}
