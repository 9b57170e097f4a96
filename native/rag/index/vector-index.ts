// IVF_PQ settings, chosen by measurement on random unit vectors, 384 dims (scripts/bench-retrieval.ts;
// the grid below came from the same data, seeds and queries, recall@10 against exact search).
//
// Random vectors are the hardest case for IVF and are what these settings are sized for: they have
// no clusters, so a query's true neighbours are spread over partitions almost independently of
// which partitions are nearest the query, and recall@10 tracks the share of partitions probed
// (10k rows, 50 partitions: 12 probed 0.43, 25 0.73, 38 0.92, 50 1.00). Real embeddings cluster and
// reach the same recall with far fewer probes; there is no real-embedding corpus offline to tune
// that on, so the worst case decides. The speed-up over flat search then comes from scanning PQ
// codes and re-ranking `refineFactor × k` candidates on the full vectors, not from pruning.
//
// Measured (2-core VM shared with other jobs, so latencies are noisy; refine 20 unless noted):
//   10k,  25 partitions: 23 probes 0.972 (7.8 ms), 25 probes 0.998 (8.3 ms); 100 partitions need
//         90 probes for 0.97. PQ is not the limit here: all 25 probes, refine 10 gave 0.994.
//   100k, 79 partitions: 71 probes 0.954 (15.3 ms), 74 probes 0.960 (16.7 ms), 79 probes 0.992
//         (29.0 ms); refine 10 lost ~0.04 (79 probes: 0.948), refine 40 gained ≤ 0.004 for +20–30%.
//   Flat search: ~30 ms at 10k, ~200 ms at 100k. Index build with LanceDB's training defaults
//   (50 k-means iterations, 256 vectors sampled per centroid): 35–65 s at 10k, 8–11 min at 100k on
//   that loaded machine (PQ training dominates; 96 sub-vectors of 4 dims).
// Hence sqrt(n)/4 partitions (fewer partitions cost less per probe at the same share probed),
// 95% of them probed, refine 20.
//
// Training cost (`build`): the build runs in the background after an ingest (vector-index-builds.ts)
// but still takes the CPU from everything else on 2 cores, so it is trained cheaply. Grid with the
// settings above, same data and queries (build time; recall@10; load average 7–10 on 2 cores, so
// times are ±50% noise — 10 × 64 at 100k measured 200 s while 5 × 32 measured 76 s):
//   maxIterations × sampleRate   10k rows            100k rows
//   50 × 256 (LanceDB defaults)  53.0 s  0.978       489 s  0.984 (BENCHMARKS.md, earlier run)
//   25 × 64                      45.9 s  0.978       —
//   10 × 256                     15.6 s  0.980       —
//   10 × 64                      18.4 s  0.988       200 s  0.984
//    5 × 64 (chosen)              5.6 s  0.984       44.4 s  0.974
//    5 × 32                       5.9 s  0.978       76.4 s  0.976
// Recall barely moves: random vectors have no clusters for k-means to find, and the refine step
// re-ranks 20 × k candidates on the full vectors, which hides most PQ error. Chosen: 5 iterations,
// 64 vectors per centroid — fewer than 64 would train 256-code PQ books on under 64 vectors per
// code (FAISS warns below 39), which real, clustered embeddings would feel before random ones do.
// The bench with these settings is in BENCHMARKS.md.
// Re-measure: npm run bench:retrieval -- 10000 100000
export interface VectorQueryTuning {
  nprobes: number;
  refineFactor: number;
}

/** LanceDB `Index.ivfPq` training options (k-means iterations; vectors sampled per partition). */
export interface IvfPqBuild {
  maxIterations: number;
  sampleRate: number;
}

export interface IvfPqSettings {
  numPartitions: number;
  numSubVectors: number;
  build: IvfPqBuild;
  query: VectorQueryTuning;
}

/**
 * `rows`: the rows the index is built on. Queries pass the index's current row count, which grows
 * when `optimize()` folds new rows in without retraining partitions: nprobes then errs upward.
 */
export function ivfPqSettings(rows: number, dims: number): IvfPqSettings {
  const numPartitions = Math.max(1, Math.round(Math.sqrt(rows) / 4));
  // 4 dimensions per sub-vector where the size allows (finer codes than the default of 16 dims).
  const numSubVectors = dims % 4 === 0 ? dims / 4 : dims % 2 === 0 ? dims / 2 : dims;
  return {
    numPartitions,
    numSubVectors,
    build: { maxIterations: 5, sampleRate: 64 },
    query: { nprobes: Math.ceil(numPartitions * 0.95), refineFactor: 20 },
  };
}
