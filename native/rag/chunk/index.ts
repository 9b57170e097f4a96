export { chunkDocument, chunkDocumentCooperatively } from "./chunker.ts";
export { splitToFit, type Range } from "./split.ts";
export type { Block, BlockKind, Chunk, ChunkOptions, CountTokens, Page } from "./types.ts";
export { CHUNKER_VERSION } from "./types.ts";
export { dropRunningLines, runningKey, type RunningLines } from "./running-lines.ts";
export { searchTextOf, withSearchText } from "./search-text.ts";
