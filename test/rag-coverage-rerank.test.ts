// The full-text rerank by term coverage (native/rag/retrieve/term-coverage.ts) through the real
// ingest pipeline, LanceDB's BM25 and the Retriever: in a four-page manual, three pages repeat the
// question's words far apart from each other and BM25 puts them first; the page that holds them
// together, once each, is cited first only with the rerank on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RagStore } from "../native/rag/index/index.ts";
import { ingestPaths } from "../native/rag/ingest/index.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { Converters } from "../native/rag/convert/index.ts";
import { fixtureDir } from "./fixtures/documents/documents.ts";
import { buildPdf } from "./fixtures/documents/pdf-writer.ts";

/** Lines of `words` words each, from distinct filler words unless given. */
function lines(words: string[], perLine = 10): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i += perLine) out.push(words.slice(i, i + perLine).join(" "));
  return out;
}

/** Distinct filler words spelled in letters: digits alone would make the pages' lines alike, and
 *  lines alike on most pages are removed as running headers (chunk/running-lines.ts). */
function filler(page: number, n: number): string[] {
  const letters = (k: number) => [...String(k)].map((d) => "abcdefghij"[Number(d)]).join("");
  return Array.from({ length: n }, (_, i) => `w${letters(page)}q${letters(i)}`);
}

function manual(): Buffer {
  const scattered = (page: number) => [
    ...Array<string>(4).fill("keyword"), ...filler(page, 40),
    ...Array<string>(4).fill("thru"), ...filler(page + 10, 40),
    ...Array<string>(4).fill("column"), ...filler(page + 20, 40),
  ];
  const together = [...filler(4, 60), "the", "thru", "keyword", "column", ...filler(14, 64)];
  const pages = [scattered(1), scattered(2), scattered(3), together];
  return buildPdf(pages.map((words) => ({ texts: lines(words).map((text, i) => ({ x: 72, y: 720 - 14 * i, size: 10, text })) })));
}

test("the page holding the question's words together is cited first with the coverage rerank, not by BM25 alone", { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-coverage-"));
  const { dir, write } = fixtureDir("enclave-coverage-docs-");
  write("manual.pdf", manual());
  const store = await RagStore.open(dataDir, { embedder: null });
  const converters = new Converters();
  try {
    const run = await ingestPaths({ store, embedder: null, converters }, [dir], "c", { ocr: false });
    assert.equal(run.files[0]!.outcome, "added");
    const question = "Which keyword replaced thru for a column?";
    const bm25 = await new Retriever(store, { coverage: null }).search(question, { limit: 4, mode: "fulltext" });
    const covered = await new Retriever(store).search(question, { limit: 4, mode: "fulltext" });
    assert.equal(bm25.length, 4);
    assert.notEqual(bm25[0]!.page, 4, "BM25 alone prefers the pages that repeat the words");
    assert.equal(covered[0]!.page, 4);
    assert.deepEqual(covered.map((r) => r.page).sort(), [1, 2, 3, 4], "reordered, nothing lost");
  } finally {
    await store.close();
    await converters.dispose();
    await rm(dataDir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
});
