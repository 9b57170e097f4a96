// Store maintenance after ingestion: one optimize() (compaction + cleanup of old table versions) per
// run that wrote, none per file and none for a run that changed nothing. Full-text only, no engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Table } from "@lancedb/lancedb";
import { SEARCH_COLUMNS } from "../native/rag/index/search-columns.ts";
import { Converters } from "../native/rag/convert/index.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { ingestPaths } from "../native/rag/ingest/index.ts";

interface Shape {
  fragments: number;
  versions: number;
}

async function tableShape(table: Table): Promise<Shape> {
  const stats = await table.stats();
  return { fragments: stats.fragmentStats.numFragments, versions: (await table.listVersions()).length };
}

test("an ingestion run that wrote compacts and prunes old versions once; an unchanged run does not", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-rag-optimize-"));
  const docs = join(dir, "docs");
  const store = await RagStore.open(join(dir, "rag"), { embedder: null, versionRetentionMs: 0 });
  try {
    await mkdir(docs);
    for (let i = 0; i < 6; i++) await writeFile(join(docs, `note-${i}.txt`), `Note ${i}: the marker word is ALPHA${i}.\n`);
    // Each optimize() the pipeline makes, with the chunks table's shape just before and after it.
    const calls: { before: Shape; after: Shape }[] = [];
    const optimize = store.optimize.bind(store);
    store.optimize = async () => {
      const before = await tableShape(store.chunks);
      await optimize();
      calls.push({ before, after: await tableShape(store.chunks) });
    };
    const ingest = () => ingestPaths({ store, embedder: null, converters: new Converters() }, [docs], "notes", { ocr: false });

    const first = await ingest();
    assert.deepEqual(first.files.map((f) => f.outcome), Array(6).fill("added"));
    assert.equal(calls.length, 1, "once per run, not per file");
    assert.equal(store.hasUnoptimizedWrites, false);
    const [{ before, after }] = calls as [{ before: Shape; after: Shape }];
    assert.equal(before.fragments, 6, "one append per file");
    // The table's creation and one append per new file: the sweeps of a new document's write (for
    // leftovers of a crashed attempt, for older generations) match nothing and commit nothing.
    assert.equal(before.versions, 7, `${before.versions} versions before`);
    assert.equal(after.fragments, 1, "compacted into one fragment");
    assert.ok(after.versions <= 2, `${after.versions} versions after: older ones pruned (retention 0 here, an hour by default)`);
    assert.equal(await store.countChunks(), 6);

    const settled = await tableShape(store.chunks);
    const unchanged = await ingest();
    assert.deepEqual(unchanged.files.map((f) => f.outcome), Array(6).fill("unchanged"));
    assert.equal(calls.length, 1, "a run that wrote nothing does not optimize");
    assert.deepEqual(await tableShape(store.chunks), settled, "and leaves the table as it was");

    await writeFile(join(docs, "note-2.txt"), "Note 2 rewritten: the marker word is BRAVO.\n");
    const updated = await ingest();
    assert.deepEqual(updated.files.filter((f) => f.outcome !== "unchanged").map((f) => f.outcome), ["updated"]);
    assert.equal(calls.length, 2);
    // The old fragment (one row deleted) is rewritten; LanceDB does not merge it with the new,
    // not yet indexed, fragment in the same pass: the next run's optimize does.
    assert.ok(calls[1]!.after.fragments <= 2, `${calls[1]!.after.fragments} fragments`);
    assert.ok(calls[1]!.after.versions <= 3, `${calls[1]!.after.versions} versions after (compaction, pruning, index update)`);
    assert.ok(calls[1]!.after.versions < calls[1]!.before.versions, "older versions pruned");
    const fts = (await store.chunks.listIndices()).filter((i) => SEARCH_COLUMNS.some((c) => i.columns.includes(c.column)));
    assert.equal(fts.length, SEARCH_COLUMNS.length);
    for (const index of fts) assert.equal((await store.chunks.indexStats(index.name))!.numUnindexedRows, 0, "the new row is folded into each full-text index");
    assert.equal(await store.countChunks("text LIKE '%BRAVO%'"), 1);
    assert.equal(await store.countChunks("text LIKE '%ALPHA2%'"), 0);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
