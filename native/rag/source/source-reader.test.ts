// SourceReader without an engine: a lookup stub over real files in a temporary folder. The engine
// test (test/rag-source.test.ts) covers the same paths end to end; these cover the limits.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { isEngineError } from "../../contract/errors.ts";
import type { DocumentRecord } from "../index/index.ts";
import { Converters } from "../convert/index.ts";
import { SourceReader } from "./source-reader.ts";

const dir = mkdtempSync(join(tmpdir(), "enclave-source-reader-"));
const converters = new Converters();
after(async () => {
  await converters.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function indexed(name: string, data: string | Buffer, over: Partial<DocumentRecord> = {}): DocumentRecord {
  const path = join(dir, name);
  writeFileSync(path, data);
  const bytes = Buffer.from(data);
  return { id: name, path, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, mtime: 0, collection: "c", pages: 1, status: "ready", error: null, ingestedAt: 1, version: 1, meta: null, ...over };
}

function readerOver(records: DocumentRecord[], formats: Record<string, string | null> = {}, maxFileBytes?: number): SourceReader {
  return new SourceReader({
    lookup: async (id) => {
      const record = records.find((r) => r.id === id);
      return record && { record, format: id in formats ? formats[id]! : null };
    },
    ocr: () => false,
    converters,
    ...(maxFileBytes !== undefined && { maxFileBytes }),
  });
}

const reason = (r: string) => (e: unknown) => isEngineError(e) && (e.details as { reason?: string } | undefined)?.reason === r;

test("a PDF above the size cap is refused with its size and the limit", async () => {
  const pdf = indexed("big.pdf", "%PDF-1.4\n" + "x".repeat(2000));
  await assert.rejects(readerOver([pdf], { "big.pdf": "pdf" }, 1024).file("big.pdf"), (e: unknown) => {
    assert.ok(reason("too-large")(e));
    assert.match((e as Error).message, /too large to show as a PDF/);
    return true;
  });
});

test("a lost format record is sniffed again from the file", async () => {
  const md = indexed("notes.md", "# Notes\n\nSome words here.\n");
  const page = await readerOver([md], { "notes.md": null }).page("notes.md", 1);
  assert.equal(page.format, "markdown");
  assert.match(page.text, /Some words here/);
});

test("a document whose ingestion failed or is running cannot be read", async () => {
  const failed = indexed("failed.md", "# x\n\ntext text\n", { status: "failed", error: "boom" });
  await assert.rejects(readerOver([failed]).page("failed.md", 1), (e: unknown) => reason("not-ready")(e) && /ingestion failed \(boom\)/.test((e as Error).message));
  const running = indexed("running.md", "# x\n\ntext text\n", { status: "ingesting" });
  await assert.rejects(readerOver([running]).page("running.md", 1), reason("not-ready"));
});

test("a page reads again while the file is unchanged; a same-size rewrite is caught by its hash", async () => {
  const md = indexed("cached.md", "# Cached\n\nFirst words.\n");
  const reader = readerOver([md]);
  assert.match((await reader.page("cached.md", 1)).text, /First words/);
  const again = await reader.page("cached.md", 1);
  assert.match(again.text, /First words/);
  // A rewrite of the same size moves the mtime: the reader hashes again and sees other content.
  writeFileSync(md.path, "# Cached\n\nOther words!\n");
  await assert.rejects(reader.page("cached.md", 1), reason("file-changed"));
});
