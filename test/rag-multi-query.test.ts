// Multi-query rewriting's mechanics with a real (generated, random-weight) chat model and a real
// LanceDB index: the model's output is meaningless, so this shows only that whatever it writes is
// parsed safely, searched and fused, and that the plain question's results are always there.
// Whether rewriting helps cross-language questions needs a real model: not measurable here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTestModels } from "./fixtures/test-models.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { chatModelGenerate } from "../native/rag/retrieve/chat-rewriter.ts";
import { multiQuerySearch } from "../native/rag/retrieve/multi-query.ts";

test("rewrites by a generated chat model are searched and fused; the plain results stay", { timeout: 120_000 }, async () => {
  const models = await getTestModels();
  const runtime = new LlamaRuntime({ gpu: false, maxThreads: 1 });
  const llama = await runtime.get();
  const model = await llama.loadModel({ modelPath: models.q8_0, gpuLayers: 0 });
  const dir = await mkdtemp(join(tmpdir(), "enclave-multi-query-"));
  const store = await RagStore.open(dir, { embedder: null });
  try {
    const pages = ["La commande frenchdate affiche une date en français.", "Die Silbentrennung folgt alten Regeln.", "The frenchdate command prints a French date."];
    await store.upsertDocument(
      { id: "d", path: "/docs/guide.pdf", sha256: "s", size: 1, mtime: 0, collection: "c", pages: 3 },
      pages.map((text, i) => ({ index: i, text, tokens: 8, pageStart: i + 1, pageEnd: i + 1, charStart: 0, charEnd: text.length, headingPath: [] })),
      null,
    );
    await store.refreshIndexes();
    const retriever = new Retriever(store);
    let prompts = 0;
    const generate = chatModelGenerate(model, { threads: 1 });
    const out = await multiQuerySearch("frenchdate", ["fr", "de"], {
      generate: async (p, o) => (prompts++, generate(p, o)),
      search: (q) => retriever.search(q, { limit: 5, mode: "fulltext" }).catch(() => []),
      keyOf: (r) => r.chunkId,
    }, { limit: 5 });
    assert.equal(prompts, 1);
    assert.equal(out.queries[0], "frenchdate");
    assert.ok(out.queries.length <= 4);
    const pagesFound = out.results.map((r) => r.page);
    assert.ok(pagesFound.includes(1) && pagesFound.includes(3), `the plain question's hits stay (got pages ${pagesFound.join(", ")})`);
    assert.equal(new Set(out.results.map((r) => r.chunkId)).size, out.results.length, "fused without repeats");
  } finally {
    await store.close();
    await model.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
