// Upkeep of the indexes on a chunks table, apart from the rows themselves: whether the full-text
// indexes of the search columns are current, when an IVF_PQ vector index is due and how it is built
// and probed, and the compaction and erasure that rewrite the tables. RagStore runs each of these
// inside its write queue (write-queue.ts); nothing here takes a lock of its own.
import { Index, type Table } from "@lancedb/lancedb";
import type { EmbedderSpec } from "./schema.ts";
import { buildSearchIndexes, unindexedSearchColumns } from "./search-columns.ts";
import { ivfPqSettings, type VectorQueryTuning } from "./vector-index.ts";

/** Whether every search column has its FTS index (or there is nothing to index yet). */
export async function searchIndexesCurrent(chunks: Table): Promise<boolean> {
  if ((await unindexedSearchColumns(chunks)).length === 0) return true;
  return (await chunks.countRows()) === 0;
}

/**
 * The rows a vector index would be built on, or null when none is due: no embedder, an index
 * already there, or fewer rows than `threshold` (`force`: at least 256, PQ's minimum).
 */
export async function vectorIndexDue(chunks: Table, embedder: EmbedderSpec | null, threshold: number, force = false): Promise<number | null> {
  if (!embedder || (await chunks.listIndices()).some((i) => i.columns.includes("vector"))) return null;
  const rows = await chunks.countRows();
  return rows >= (force ? 256 : threshold) ? rows : null;
}

/** Builds the IVF_PQ index over `rows` rows of `dims`-wide vectors (minutes at 100k rows; atomic). */
export async function buildVectorIndex(chunks: Table, dims: number, rows: number): Promise<void> {
  const s = ivfPqSettings(rows, dims);
  await chunks.createIndex("vector", {
    config: Index.ivfPq({ distanceType: "cosine", numPartitions: s.numPartitions, numSubVectors: s.numSubVectors, ...s.build }),
  });
}

/** How vector queries should probe the index (null: no index, flat search). */
export async function vectorQueryTuning(chunks: Table, embedder: EmbedderSpec | null): Promise<VectorQueryTuning | null> {
  const index = (await chunks.listIndices()).find((i) => i.columns.includes("vector"));
  if (!index || !embedder) return null;
  // listIndices() has the row count; indexStats() would also load (and warn about) the centroids.
  return ivfPqSettings(index.numIndexedRows ?? (await chunks.countRows()), embedder.dims).query;
}

/** Compacts fragments, folds new rows into the indexes and prunes versions older than `retentionMs`. */
export async function optimizeTables(tables: readonly Table[], retentionMs: number): Promise<void> {
  const cleanupOlderThan = new Date(Date.now() - retentionMs);
  for (const table of tables) await table.optimize({ cleanupOlderThan });
}

/**
 * Rewrites each table from its live rows and prunes every other version, so removed rows are gone
 * from disk (see RagStore.erase); the FTS indexes of `chunks` are rebuilt after the rewrite.
 */
export async function eraseRemovedRows(tables: readonly Table[], chunks: Table): Promise<void> {
  for (const table of tables) {
    if ((await table.countRows()) > 0) await table.add(await table.query().toArrow(), { mode: "overwrite" });
    await table.optimize({ cleanupOlderThan: new Date(Date.now() + 1000), deleteUnverified: true });
  }
  if ((await chunks.countRows()) > 0) await buildSearchIndexes(chunks, { replace: true });
}
