// Ingestion speed through the real engine process: pages/s for a generated 40-lines-a-page PDF,
// full-text only and with an embedding model (the tiny test model by default: its speed is that of a
// ~4M-parameter embedder, so the embedded figure is an upper bound for real embedders; pass
// --embedder <gguf> for a real one). Also how long the engine takes to answer a ping meanwhile.
// --threads N pins the embedder's threads (ENCLAVE_THREADS); by default the engine picks.
// Usage: node --import tsx scripts/bench-ingest.ts [--pages 200] [--embedder file.gguf] [--threads N]
import { parseArgs } from "node:util";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEngine } from "../native/client/start-engine.ts";
import { manyPagePdf } from "../test/fixtures/documents/documents.ts";
import { getTestModels } from "../test/fixtures/test-models.ts";
import { median } from "./median.ts";

const { values } = parseArgs({ options: { pages: { type: "string", default: "200" }, embedder: { type: "string" }, threads: { type: "string", default: "" } } });
const pages = Number(values.pages);

async function measure(embeddingModel: string | null): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-ingest-"));
  const docs = await mkdtemp(join(tmpdir(), "enclave-bench-docs-"));
  await writeFile(join(docs, "manual.pdf"), manyPagePdf(pages));
  const client = await startEngine({ dataDir, gpu: false, env: { ENCLAVE_THREADS: values.threads } });
  try {
    await client.call("settings.update", { embeddingModel, ocr: false });
    const pings: number[] = [];
    let running = true;
    const pinger = (async () => {
      while (running) {
        const t = performance.now();
        await client.call("engine.ping", {});
        pings.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = performance.now();
    const run = await client.call("rag.ingest", { paths: [docs], collection: "bench" });
    const seconds = (performance.now() - started) / 1000;
    running = false;
    await pinger;
    const file = run.files[0]!;
    if (file.outcome !== "added") throw new Error(`ingest failed: ${JSON.stringify(file.error)}`);
    const worstPing = Math.max(...pings);
    const medianPing = median(pings);
    return `| ${embeddingModel ? "hybrid (embedded)" : "full-text only"} | ${values.threads || "engine's choice"} | ${pages} | ${file.chunks} | ${seconds.toFixed(1)} | ${(pages / seconds).toFixed(1)} | ${medianPing.toFixed(0)} | ${worstPing.toFixed(0)} |`;
  } finally {
    await client.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(docs, { recursive: true, force: true });
  }
}

const embedder = values.embedder ?? (await getTestModels()).q8_0;
console.log(`\n## Ingestion — ${new Date().toISOString()} (${values.embedder ? embedder : "tiny test model as embedder"})\n`);
console.log("| index | threads | pages | chunks | seconds | pages/s | median engine ping ms | worst engine ping ms |");
console.log("|---|---|---|---|---|---|---|---|");
console.log(await measure(null));
console.log(await measure(embedder));
