// Hybrid retrieval end to end on disk with the tiny generated model as embedder: its random
// weights give meaningless vectors, so an exact rare term can only be found through the full-text half.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTestModels } from "./fixtures/test-models.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { chunkDocument, type Block, type Page } from "../native/rag/chunk/index.ts";
import { Embedder } from "../native/rag/embed/index.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { CrossEncoder, Retriever } from "../native/rag/retrieve/index.ts";

const TOPICS = ["payment schedule", "confidentiality", "governing law", "force majeure", "warranty", "liability cap", "audit rights", "insurance", "assignment", "notices"];

/** One page per clause; every clause talks about contract numbers (close to the query in any embedding), only one holds ZX-4471. */
function contract(docNo: number): { pages: Page[]; blocks: Block[] } {
  const pages: Page[] = [];
  const blocks: Block[] = [];
  for (let i = 0; i < 15; i++) {
    const heading = `Clause ${i + 1}: ${TOPICS[(i + docNo) % TOPICS.length]}`;
    const body = docNo === 1 && i === 7
      ? "This agreement is registered under contract number ZX-4471 with the registry office."
      : `Which agreement has contract number ${i + docNo * 20}? The ${TOPICS[(i + docNo) % TOPICS.length]} agreement has that contract number.`;
    const text = `${heading}\n\n${body}`;
    pages.push({ number: i + 1, text, ocr: false });
    blocks.push({ kind: "heading", level: 2, text: heading, page: i + 1, start: 0, end: heading.length });
    blocks.push({ kind: "paragraph", text: body, page: i + 1, start: heading.length + 2, end: text.length });
  }
  return { pages, blocks };
}

test("hybrid: an exact rare term wins where vectors alone cannot; filters apply to both halves", async () => {
  const models = await getTestModels();
  const sha = createHash("sha256").update(await readFile(models.q8_0)).digest("hex");
  const runtime = new LlamaRuntime({ gpu: false, maxThreads: 1 });
  const embedder = await Embedder.load({ runtime, modelPath: models.q8_0, modelSha256: sha, threads: 1, contextSize: 512, gpuLayers: 0 });
  const dir = await mkdtemp(join(tmpdir(), "enclave-rag-"));
  const store = await RagStore.open(dir, { embedder });
  try {
    for (const docNo of [0, 1, 2]) {
      const { pages, blocks } = contract(docNo);
      const chunks = chunkDocument({ pages, blocks }, { countTokens: (t) => embedder.countTokens(t), maxTokens: 128, overlapTokens: 16 });
      const vectors = await embedder.embed(chunks.map((c) => c.text));
      await store.upsertDocument(
        { id: `doc${docNo}`, path: `/contracts/c${docNo}.pdf`, sha256: "0".repeat(64), size: 1000, mtime: 0, collection: docNo === 2 ? "archive" : "legal", pages: pages.length },
        chunks, vectors,
      );
    }
    await store.refreshIndexes();
    const retriever = new Retriever(store, { embedder });
    const query = "ZX-4471";

    const vectorOnly = await retriever.search(query, { mode: "vector", limit: 10 });
    const vectorRank = vectorOnly.findIndex((r) => r.text.includes("ZX-4471"));
    assert.notEqual(vectorRank, 0, "random-weight vectors do not put the right chunk first");

    const hybrid = await retriever.search(query, { limit: 5 });
    const top = hybrid[0]!;
    assert.ok(top.text.includes("ZX-4471"), `hybrid top: ${top.text}`);
    assert.deepEqual([top.documentId, top.path, top.pageStart, top.pageEnd], ["doc1", "/contracts/c1.pdf", 8, 8]);
    assert.deepEqual(top.headingPath, ["Clause 8: assignment"]);
    const marked = top.highlights.map((h) => top.text.slice(h.start, h.end));
    assert.deepEqual(marked, ["ZX-4471"]);
    assert.ok(hybrid.every((r, i) => i === 0 || r.score <= hybrid[i - 1]!.score));
    // A question in words: BM25 weighs the rare number above the words every clause shares.
    const question = "Which agreement has contract number ZX-4471?";
    assert.ok((await retriever.search(question, { mode: "fulltext" }))[0]!.text.includes("ZX-4471"));

    const archived = await retriever.search(query, { collection: "archive", limit: 20 });
    assert.ok(archived.length > 0 && archived.every((r) => r.documentId === "doc2"));
    const onlyDoc0 = await retriever.search(query, { documentIds: ["doc0"], limit: 20 });
    assert.ok(onlyDoc0.length > 0 && onlyDoc0.every((r) => r.documentId === "doc0"));
    assert.deepEqual(await retriever.search(query, { documentIds: [] }), []);

    await assert.rejects(CrossEncoder.load({ runtime, modelPath: models.q8_0, gpuLayers: 0, threads: 1 }), { code: "INVALID_MODEL_FILE" });
  } finally {
    await store.close();
    await embedder.dispose();
    await runtime.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
