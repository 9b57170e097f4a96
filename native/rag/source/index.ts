export { SourceReader, MAX_SOURCE_FILE_BYTES, type SourceReaderDeps } from "./source-reader.ts";
