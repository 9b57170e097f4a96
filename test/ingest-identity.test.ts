// Documents are identified by content: the same bytes under another path (an upload's fresh folder)
// are the document already indexed; the same bytes whose old path is gone are a rename; and a
// search never returns one passage twice. Real LanceDB on disk, real converters, full-text only
// (no embedding model needed for identity).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Converters } from "../native/rag/convert/index.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { ingestPaths } from "../native/rag/ingest/index.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { fixtureDir } from "./fixtures/documents/documents.ts";

let dataDir: string;
let store: RagStore;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "enclave-identity-"));
  store = await RagStore.open(join(dataDir, "rag"), { embedder: null });
});
const converters = new Converters();
after(async () => {
  await converters.dispose();
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const ingest = (paths: string[], collection: string) => ingestPaths({ store, embedder: null, converters }, paths, collection, { ocr: false });
const REPORT = "# Report\n\nThe quarterly figure for WOMBAT exports rose by nine percent.\n";

test("the same file uploaded twice (two upload folders) is one document, reported unchanged", async () => {
  const { dir } = fixtureDir("enclave-uploads-");
  mkdirSync(join(dir, "u1"));
  mkdirSync(join(dir, "u2"));
  writeFileSync(join(dir, "u1", "report.md"), REPORT);
  writeFileSync(join(dir, "u2", "report.md"), REPORT);
  const first = await ingest([join(dir, "u1", "report.md")], "uploads");
  assert.equal(first.files[0]!.outcome, "added");
  const second = await ingest([join(dir, "u2", "report.md")], "uploads");
  const again = second.files[0]!;
  assert.equal(again.outcome, "unchanged");
  assert.equal(again.documentId, first.files[0]!.documentId);
  assert.ok(again.chunks > 0, "the twin's chunks are reported");
  assert.match(again.warnings.join(" "), /Same content as .*u1\/report\.md/);
  assert.equal((await store.listDocuments({ collection: "uploads" })).length, 1);

  // A copy under another name in the same folder is the same content too.
  writeFileSync(join(dir, "u1", "copy of report.md"), REPORT);
  const copy = await ingest([join(dir, "u1")], "uploads");
  assert.deepEqual(copy.files.map((f) => f.outcome).sort(), ["unchanged", "unchanged"]);
  assert.equal((await store.listDocuments({ collection: "uploads" })).length, 1);

  // Another collection is its own: the same bytes there are a new document.
  const other = await ingest([join(dir, "u2", "report.md")], "elsewhere");
  assert.equal(other.files[0]!.outcome, "added");

  const { hits } = { hits: await new Retriever(store).search("WOMBAT", { collection: "uploads" }) };
  assert.equal(hits.length, 1, "one document, one hit");
  rmSync(dir, { recursive: true, force: true });
});

test("a renamed file is recognised as a rename: same document, new path, then tracked at that path", async () => {
  const { dir, write } = fixtureDir("enclave-rename-");
  const before = write("draft.md", "# Draft\n\nThe PELICAN clause is binding.\n");
  write("other.md", "# Other\n\nNothing to see.\n");
  const added = await ingest([dir], "renames");
  const id = added.files.find((f) => f.path === before)!.documentId;
  assert.ok(id);

  const after = join(dir, "final.md");
  renameSync(before, after);
  const run = await ingest([dir], "renames");
  const renamed = run.files.find((f) => f.path === after)!;
  assert.equal(renamed.outcome, "renamed", JSON.stringify(run.files));
  assert.equal(renamed.documentId, id);
  assert.match(renamed.warnings.join(" "), /Renamed from .*draft\.md/);
  assert.ok(!run.files.some((f) => f.outcome === "removed"), "the renamed document is not removed as a deleted file");
  const docs = await store.listDocuments({ collection: "renames" });
  assert.equal(docs.length, 2);
  assert.equal(docs.find((d) => d.id === id)!.path, after);
  const [hit] = await new Retriever(store).search("PELICAN", { collection: "renames" });
  assert.equal(hit!.path, after, "search shows the new path");

  // At its new path it is tracked like any file: unchanged, then updated in place when edited.
  assert.equal((await ingest([after], "renames")).files[0]!.outcome, "unchanged");
  writeFileSync(after, "# Final\n\nThe PELICAN clause is binding, amended.\n");
  const edited = (await ingest([after], "renames")).files[0]!;
  assert.equal(edited.outcome, "updated");
  assert.equal(edited.documentId, id);
  assert.equal((await store.listDocuments({ collection: "renames" })).length, 2);
  rmSync(dir, { recursive: true, force: true });
});

test("a path whose content became another document's: one document remains", async () => {
  const { dir, write } = fixtureDir("enclave-identity-swap-");
  const a = write("a.md", "# A\n\nAlpha OTTER text.\n");
  const b = write("b.md", "# B\n\nBeta text.\n");
  await ingest([dir], "swap");
  writeFileSync(b, "# A\n\nAlpha OTTER text.\n"); // b now holds a's bytes
  const run = await ingest([b], "swap");
  assert.equal(run.files[0]!.outcome, "unchanged");
  const docs = await store.listDocuments({ collection: "swap" });
  assert.deepEqual(docs.map((d) => d.path), [a]);
  assert.equal((await new Retriever(store).search("OTTER", { collection: "swap" })).length, 1);
  rmSync(dir, { recursive: true, force: true });
});

test("retrieval never returns the same passage twice (an index that holds a file twice from before)", async () => {
  const chunk = { index: 0, text: "Force majeure: neither party is liable for ZEBRA events.", tokens: 12, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 55, headingPath: [] };
  for (const n of [1, 2]) {
    await store.upsertDocument({ id: `legacy${n}`, path: `/old/uploads/${n}/terms.pdf`, sha256: "f".repeat(64), size: 10, mtime: 0, collection: "legacy", pages: 1 }, [chunk], null);
  }
  await store.upsertDocument({ id: "legacy3", path: "/old/other.pdf", sha256: "e".repeat(64), size: 10, mtime: 0, collection: "legacy", pages: 1 }, [{ ...chunk, text: "ZEBRA crossings are another matter." }], null);
  await store.refreshIndexes();
  const hits = await new Retriever(store).search("ZEBRA", { collection: "legacy", limit: 8 });
  assert.equal(hits.length, 2, JSON.stringify(hits.map((h) => h.path)));
  assert.equal(new Set(hits.map((h) => h.text)).size, hits.length);
});
