// The one-time move of the old ingest record out of `ingest-meta.json` (an unversioned JSON sidecar
// that Enclave up to RAG schema 2 kept beside the index: per document, the generation it described,
// its embedder, format, OCR pages, warnings and chunker version) into the documents rows (schema 3).
//
// On each open of the index: if the sidecar is there, its entries fill in the rows that have no
// record yet and still show the generation the entry describes; then the file is renamed
// `ingest-meta.json.imported` (kept, never deleted: it is the user's data). A file that is read but
// is not a sidecar (bad JSON, another format) imports nothing, says so on stderr and is renamed
// `ingest-meta.json.unreadable`, so it is kept and not retried at every start. A file that cannot be
// read at all (permissions, I/O) stays where it is and is tried again next time. Either way no
// document is lost: a row with no record is listed with format unknown, and re-ingesting its
// unchanged file skips it when its chunks are in the current embedder's table, as before.
// Running twice is harmless: a row that already has a record is never overwritten.
import { readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { DocumentMeta } from "../index/index.ts";

export const LEGACY_META_FILE = "ingest-meta.json";

const entrySchema = z.object({
  version: z.number().int(),
  embedderId: z.string().nullable(),
  format: z.string().nullable(),
  ocrPages: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
  /** Absent in files written before chunker version 2: those generations were cut by version 1. */
  chunker: z.number().int().optional(),
});
const sidecarSchema = z.object({ format: z.literal("enclave-ingest-meta"), entries: z.record(z.string(), z.unknown()) });

export interface LegacyMetaTarget {
  importDocumentMeta(entries: ReadonlyMap<string, { version: number; meta: DocumentMeta }>): Promise<number>;
}

export type LegacyImportOutcome =
  | { kind: "none" }
  | { kind: "imported"; entries: number; filled: number; skipped: number; renamedTo: string }
  | { kind: "unreadable"; reason: string; renamedTo: string | null }
  /** The store refused the write or the rename failed: the file stays (or is already renamed) and the next open tries again. */
  | { kind: "failed"; reason: string };

const stderrLog = (line: string) => void process.stderr.write(`${line}\n`);

/**
 * Imports `<dir>/ingest-meta.json` into `store`, if it is there (see the file's head). Never throws:
 * the records are worth keeping, not worth refusing to open the index over.
 */
export async function importLegacyMeta(store: LegacyMetaTarget, dir: string, log: (line: string) => void = stderrLog): Promise<LegacyImportOutcome> {
  const path = join(dir, LEGACY_META_FILE);
  try {
    return await importFile(store, path, log);
  } catch (err) {
    const reason = (err as Error).message;
    log(`enclave: importing ${path} failed (${reason}); it stays and is tried again at the next start`);
    return { kind: "failed", reason };
  }
}

async function importFile(store: LegacyMetaTarget, path: string, log: (line: string) => void): Promise<LegacyImportOutcome> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "none" };
    const reason = (err as Error).message;
    log(`enclave: ${path} could not be read (${reason}); its document details stay unimported until it can be`);
    return { kind: "unreadable", reason, renamedTo: null };
  }

  const parsed = sidecarSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    const renamedTo = `${path}.unreadable`;
    await rename(path, renamedTo);
    const reason = "not an Enclave ingest record";
    log(`enclave: ${path} is ${reason}; nothing imported (documents stay; their format and OCR details show as unknown until re-indexed). Kept as ${renamedTo}`);
    return { kind: "unreadable", reason, renamedTo };
  }

  const entries = new Map<string, { version: number; meta: DocumentMeta }>();
  let skipped = 0;
  for (const [id, raw] of Object.entries(parsed.data.entries)) {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      skipped++;
      continue;
    }
    const { version, chunker, ...rest } = entry.data;
    entries.set(id, { version, meta: { ...rest, chunker: chunker ?? 1 } });
  }
  const filled = await store.importDocumentMeta(entries);
  const renamedTo = `${path}.imported`;
  await rename(path, renamedTo);
  if (skipped > 0) log(`enclave: ${path}: ${skipped} malformed entr${skipped === 1 ? "y" : "ies"} not imported`);
  return { kind: "imported", entries: entries.size, filled, skipped, renamedTo };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
