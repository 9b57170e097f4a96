// IVF_PQ settings, chosen by measurement (scripts/bench-retrieval.ts, test/rag-recall.test.ts):
// PQ alone loses recall (0.46–0.58 recall@10 at LanceDB's defaults), so queries re-rank
// `refineFactor × k` candidates on the full vectors, and probe enough partitions. Random unit
// vectors (no cluster structure: the worst case for IVF), 5k × 64 dims: sqrt(n) partitions,
// nprobes 20, refine 10 gave recall@10 0.73; sqrt(n)/2, 20, 20 gave 0.89; these settings 0.96.
export interface VectorQueryTuning {
  nprobes: number;
  refineFactor: number;
}

export interface IvfPqSettings {
  numPartitions: number;
  numSubVectors: number;
  query: VectorQueryTuning;
}

export function ivfPqSettings(rows: number, dims: number): IvfPqSettings {
  const numPartitions = Math.max(1, Math.round(Math.sqrt(rows) / 2));
  // 4 dimensions per sub-vector where the size allows (finer codes than the default of 16 dims).
  const numSubVectors = dims % 4 === 0 ? dims / 4 : dims % 2 === 0 ? dims / 2 : dims;
  return {
    numPartitions,
    numSubVectors,
    query: { nprobes: Math.max(24, Math.ceil(numPartitions * 0.4)), refineFactor: 40 },
  };
}
