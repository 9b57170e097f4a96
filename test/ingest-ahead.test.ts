// The ingestion pipeline converts the next file while the current one is indexed (ConvertAhead):
// it starts before the current file's write has finished, the passages are those of a run that
// converts one file at a time, an unchanged folder converts nothing ahead, and a file changed after
// its early conversion is converted again. Real workers, real pdf.js, real LanceDB.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Converters, type ConvertedDocument, type InspectedFile } from "../native/rag/convert/index.ts";
import type { ConvertOptions } from "../native/rag/convert/types.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { ingestPaths } from "../native/rag/ingest/index.ts";
import { fixtureDir, manyPagePdf } from "./fixtures/documents/documents.ts";

/** Converters that log when each conversion starts. */
class LoggingConverters extends Converters {
  readonly started: string[] = [];
  onStart: (name: string) => void = () => undefined;
  override convertInspected(path: string, file: InspectedFile, options?: ConvertOptions): Promise<ConvertedDocument> {
    this.started.push(basename(path));
    this.onStart(basename(path));
    return super.convertInspected(path, file, options);
  }
}

async function withStore<T>(fn: (store: RagStore) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-ingest-ahead-"));
  const store = await RagStore.open(dataDir, { embedder: null });
  try {
    return await fn(store);
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const passages = async (store: RagStore) =>
  (await store.chunks.query().select(["documentId", "chunkIndex", "text", "pageStart"]).toArray())
    .map((r) => `${String(r.documentId)}#${Number(r.chunkIndex)}@${Number(r.pageStart)}: ${String(r.text)}`)
    .sort();

test("the next file converts while the current one is written; the passages are a one-at-a-time run's", { timeout: 180_000 }, async () => {
  const { dir, write } = fixtureDir("enclave-ingest-ahead-docs-");
  write("a.pdf", manyPagePdf(12));
  write("b.pdf", manyPagePdf(9));
  write("c.md", "# Notes\n\nThe third file is Markdown, converted in the other worker pool.\n");
  const converters = new LoggingConverters({ maxWorkers: 2 });
  const alone = new Converters({ maxWorkers: 1 });
  try {
    const ahead = await withStore(async (store) => {
      // a.pdf's write waits until b.pdf's conversion has started: that proves the overlap without timing.
      const upsert = store.upsertDocument.bind(store);
      let bStarted!: () => void;
      const bStarting = new Promise<void>((resolve) => (bStarted = resolve));
      converters.onStart = (name) => name === "b.pdf" && bStarted();
      store.upsertDocument = async (input, ...rest) => {
        if (basename(input.path) === "a.pdf") await bStarting;
        return upsert(input, ...rest);
      };
      const run = await ingestPaths({ store, embedder: null, converters }, [dir], "c", { ocr: false });
      assert.deepEqual(run.files.map((f) => [basename(f.path), f.outcome]), [["a.pdf", "added"], ["b.pdf", "added"], ["c.md", "added"]]);
      assert.deepEqual(converters.started, ["a.pdf", "b.pdf", "c.md"], "each file converted once");

      // Unchanged: nothing is converted, ahead or not.
      converters.started.length = 0;
      const again = await ingestPaths({ store, embedder: null, converters }, [dir], "c", { ocr: false });
      assert.deepEqual(again.files.map((f) => f.outcome), ["unchanged", "unchanged", "unchanged"]);
      assert.deepEqual(converters.started, []);

      // b.pdf changes after its early conversion started (a.pdf's write waits for that): converted again.
      converters.started.length = 0;
      await writeFile(join(dir, "a.pdf"), manyPagePdf(13));
      await utimes(join(dir, "b.pdf"), new Date(), new Date(Date.now() - 60_000)); // looks changed: started ahead
      let changed = false;
      converters.onStart = (name) => {
        if (name !== "b.pdf" || changed) return;
        changed = true;
        write("b.pdf", manyPagePdf(10));
        bStarted();
      };
      const third = await ingestPaths({ store, embedder: null, converters }, [dir], "c", { ocr: false });
      assert.deepEqual(third.files.map((f) => [basename(f.path), f.outcome]), [["a.pdf", "updated"], ["b.pdf", "updated"], ["c.md", "unchanged"]]);
      assert.deepEqual(converters.started, ["a.pdf", "b.pdf", "b.pdf"], "b.pdf converted again after it changed");
      assert.equal(third.files[1]!.pages, 10, "the new content was indexed");
      return passages(store);
    });

    const oneAtATime = await withStore(async (store) => {
      // The same final files through one worker: no two conversions ever overlap.
      await ingestPaths({ store, embedder: null, converters: alone }, [dir], "c", { ocr: false });
      return passages(store);
    });
    assert.deepEqual(ahead, oneAtATime);
  } finally {
    await Promise.all([converters.dispose(), alone.dispose()]);
    await rm(dir, { recursive: true, force: true });
  }
});
