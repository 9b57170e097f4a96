// Page-exact citations on a real PDF through the real ingest pipeline and LanceDB: three short pages
// of running text that the old chunker put into one passage, cited as page 1. Now each passage lies on one page, the
// term on page 3 is cited at page 3, and an index cut by the old chunker is re-cut at the next ingest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHUNKER_VERSION } from "../native/rag/chunk/index.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { ingestPaths } from "../native/rag/ingest/index.ts";
import { connect } from "@lancedb/lancedb";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { Converters } from "../native/rag/convert/index.ts";
import { fixtureDir } from "./fixtures/documents/documents.ts";
import { buildPdf } from "./fixtures/documents/pdf-writer.ts";

/** Three pages of running text with no heading between them: one passage for the old chunker. */
function runningTextPdf(): Buffer {
  const words = ["alpha", "bravo", "charlie"];
  return buildPdf(words.map((word, i) => ({ texts: [{ x: 72, y: 720, size: 11, text: `Plain running text on this page mentions the ${word} budget (page ${i + 1}).` }] })));
}

test("passages never cross a page; the cited page holds the match; an older index is re-cut once", { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-page-exact-"));
  const { dir, write } = fixtureDir("enclave-page-exact-docs-");
  write("report.pdf", runningTextPdf());
  let store = await RagStore.open(dataDir, { embedder: null });
  const converters = new Converters();
  try {
    const deps = () => ({ store, embedder: null, converters });
    const first = await ingestPaths(deps(), [dir], "c", { ocr: false });
    assert.equal(first.files[0]!.outcome, "added");
    const rows = await store.chunks.query().select(["pageStart", "pageEnd"]).toArray();
    assert.equal(rows.length, 3, "one passage per short page");
    for (const r of rows) assert.equal(Number(r.pageStart), Number(r.pageEnd));

    const [hit] = await new Retriever(store).search("charlie budget", { limit: 1, mode: "fulltext" });
    assert.equal(hit!.page, 3);

    // An index written before CHUNKER_VERSION 2 (its record imported from the old sidecar as chunker 1).
    const id = first.files[0]!.documentId!;
    assert.equal((await store.getDocument(id))!.meta?.chunker, CHUNKER_VERSION);
    await store.close();
    const db = await connect(dataDir);
    const documents = await db.openTable("documents");
    await documents.update({ where: "true", valuesSql: { chunker: "1" } });
    documents.close();
    db.close();
    store = await RagStore.open(dataDir, { embedder: null });
    const again = await ingestPaths(deps(), [dir], "c", { ocr: false });
    assert.equal(again.files[0]!.outcome, "updated");
    assert.match(again.files[0]!.warnings.join(" "), /one page/);
    const third = await ingestPaths(deps(), [dir], "c", { ocr: false });
    assert.equal(third.files[0]!.outcome, "unchanged");
  } finally {
    await store.close();
    await converters.dispose();
    await rm(dataDir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
});
