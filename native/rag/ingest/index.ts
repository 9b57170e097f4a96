export { ingestPaths, estimateTokens, chunkSizes, DEFAULT_MAX_TEXT_BYTES, type IngestDeps, type IngestOptions, type IngestRun } from "./pipeline.ts";
export { expandPaths, isUnder, type ExpandedPaths } from "./expand.ts";
export { documentIdFor, sha256OfFile } from "./hash.ts";
export { importLegacyMeta, LEGACY_META_FILE, type LegacyImportOutcome } from "./legacy-meta-import.ts";
export { IngestProgressReporter, type IngestPhase, type IngestProgress, type FileProgress } from "./progress.ts";
