// What the documents table does not hold but the documents list shows: each document's format,
// OCR'd page count and converter warnings. Display data only, in one small JSON file beside the
// index, replaced atomically (write + rename). Losing it loses no document: fields read as unknown.
import { readFile, rename, writeFile } from "node:fs/promises";
import { PRIVATE_FILE_MODE } from "../../util/private-fs.ts";
import { join } from "node:path";

export interface DocMeta {
  /** The document generation this describes (documents.version after the flip). */
  version: number;
  /** The embedder whose table holds this generation's chunks; null for full-text only. */
  embedderId: string | null;
  format: string | null;
  ocrPages: number;
  warnings: string[];
  /** The chunker version (CHUNKER_VERSION) this generation was cut with; absent before version 2. */
  chunker?: number;
}

const FILE = "ingest-meta.json";

export class DocMetaFile {
  readonly #path: string;
  #entries: Record<string, DocMeta> = {};
  #writing: Promise<unknown> = Promise.resolve();

  private constructor(path: string) {
    this.#path = path;
  }

  static async open(dir: string): Promise<DocMetaFile> {
    const file = new DocMetaFile(join(dir, FILE));
    try {
      const parsed = JSON.parse(await readFile(file.#path, "utf8")) as { format?: string; entries?: Record<string, DocMeta> };
      if (parsed.format === "enclave-ingest-meta" && parsed.entries) file.#entries = parsed.entries;
    } catch {
      // missing or unreadable: start empty (display data only)
    }
    return file;
  }

  get(id: string, version: number): DocMeta | undefined {
    const entry = this.#entries[id];
    return entry && entry.version === version ? entry : undefined;
  }

  set(id: string, meta: DocMeta): Promise<void> {
    this.#entries[id] = meta;
    return this.#save();
  }

  delete(ids: readonly string[]): Promise<void> {
    for (const id of ids) delete this.#entries[id];
    return this.#save();
  }

  flush(): Promise<unknown> {
    return this.#writing;
  }

  #save(): Promise<void> {
    const run = this.#writing.then(async () => {
      const tmp = `${this.#path}.tmp`;
      await writeFile(tmp, JSON.stringify({ format: "enclave-ingest-meta", entries: this.#entries }), { mode: PRIVATE_FILE_MODE });
      await rename(tmp, this.#path);
    });
    this.#writing = run.catch(() => undefined);
    return run;
  }
}
