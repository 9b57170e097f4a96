export { RagStore, MIGRATIONS, META_FILE, type DocumentInput, type DocumentMeta, type DocumentRecord, type RagStoreOptions, type UpsertResult } from "./store.ts";
export { chunksSchema, chunksTableName, documentMetaFields, documentsSchema, SCHEMA_VERSION, type DocumentStatus, type EmbedderSpec } from "./schema.ts";
export { ivfPqSettings, type IvfPqBuild, type IvfPqSettings, type VectorQueryTuning } from "./vector-index.ts";
