// A collection ingested from generated files into a fresh full-text store (no embedder), handed to
// `body`, then everything removed: the store, the converters, both temporary folders.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RagStore } from "../../native/rag/index/index.ts";
import { ingestPaths } from "../../native/rag/ingest/index.ts";
import { Converters } from "../../native/rag/convert/index.ts";
import { fixtureDir } from "../fixtures/documents/documents.ts";

export type IngestRun = Awaited<ReturnType<typeof ingestPaths>>;

export async function withIngestedCollection(files: Record<string, Buffer>, collection: string, body: (store: RagStore, run: IngestRun) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-rag-fixture-"));
  const { dir, write } = fixtureDir("enclave-rag-fixture-docs-");
  for (const [name, bytes] of Object.entries(files)) write(name, bytes);
  const store = await RagStore.open(dataDir, { embedder: null });
  const converters = new Converters();
  try {
    const run = await ingestPaths({ store, embedder: null, converters }, [dir], collection, { ocr: false });
    await body(store, run);
  } finally {
    await store.close();
    await converters.dispose();
    await rm(dataDir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}
