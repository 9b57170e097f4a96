// Document conversion: one file into a ConvertedDocument. Converters (converters.ts) owns the
// worker threads that do it; inspect.ts holds the checks each file gets once.
export type * from "./types.ts";
export type { ConvertFailure } from "./errors.ts";
export { Converters } from "./converters.ts";
export { inspectFile, type InspectedFile } from "./inspect.ts";
export { sniffFile, type SniffResult } from "./sniff.ts";
