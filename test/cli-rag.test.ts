// The `enclave` bin for documents: ingest --json, collections list --json, search --json shapes, on
// real processes (CLI and engine), a temporary data folder, CPU only, one thread, full-text only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runEnclave } from "./helpers/cli.ts";
import { fixtureDir, pngBytes, threePagePdf } from "./fixtures/documents/documents.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
let dataDir: string;
let docs: string;

const enclave = (args: string[]) => runEnclave(dataDir, args);

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "enclave-cli-rag-"));
  const { dir, write } = fixtureDir("enclave-cli-rag-docs-");
  write("report.pdf", threePagePdf());
  write("notes.md", "# Notes\n\nThe marker word is HERON.\n");
  write("fake.pdf", pngBytes());
  docs = dir;
});
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(docs, { recursive: true, force: true });
});

test("enclave ingest --json, collections list --json, search --json", { timeout: 120_000 }, async () => {
  const ingest = await enclave(["ingest", docs, "--collection", "cli", "--json", "--no-ocr"]);
  assert.equal(ingest.code, 1, `one file failed → exit 1 (stderr: ${ingest.stderr})`);
  const result = JSON.parse(ingest.stdout) as { collection: string; cancelled: boolean; files: { path: string; outcome: string; error: { code: string } | null; pages: number; chunks: number }[] };
  assert.equal(result.collection, "cli");
  assert.equal(result.cancelled, false);
  const outcome = Object.fromEntries(result.files.map((f) => [f.path.split("/").pop(), f]));
  assert.equal(outcome["report.pdf"]!.outcome, "added");
  assert.equal(outcome["report.pdf"]!.pages, 3);
  assert.equal(outcome["notes.md"]!.outcome, "added");
  assert.equal(outcome["fake.pdf"]!.outcome, "failed");
  assert.equal(outcome["fake.pdf"]!.error!.code, "INVALID_INPUT");

  const list = await enclave(["collections", "list", "--json"]);
  assert.equal(list.code, 0, list.stderr);
  const { collections } = JSON.parse(list.stdout) as { collections: { name: string; documents: number; failed: number; chunks: number; embedderId: string | null }[] };
  assert.deepEqual(collections.map((c) => [c.name, c.documents, c.failed, c.embedderId]), [["cli", 3, 1, null]]);
  assert.ok(collections[0]!.chunks >= 2);

  const search = await enclave(["search", "charlie", "--collection", "cli", "--k", "3", "--json"]);
  assert.equal(search.code, 0, search.stderr);
  const hits = JSON.parse(search.stdout) as { file: string; page: number; text: string; score: number }[];
  assert.ok(hits.length >= 1 && hits.length <= 3);
  for (const h of hits) for (const key of ["file", "page", "text", "score"]) assert.ok(key in h, key);
  assert.ok(hits[0]!.file.endsWith("report.pdf"));
  assert.equal(hits[0]!.page, 3);

  const human = await enclave(["search", "HERON", "--collection", "cli"]);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /notes\.md:1/);
  assert.ok(!human.stdout.includes("\u001b["), "no escape codes when not a terminal");

  const again = await enclave(["ingest", docs, "--collection", "cli"]);
  assert.match(again.stdout, /unchanged +\S*report\.pdf/);
  assert.equal(again.stderr, "", "no progress bars when stderr is not a terminal");

  const usage = await enclave(["search", "x"]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--collection/);

  // ask without a model: the passages, page-exact, in the documented JSON shape
  const ask = await enclave(["ask", "what about the charlie budget", "--collection", "cli", "--json"]);
  assert.equal(ask.code, 0, ask.stderr);
  const answer = JSON.parse(ask.stdout) as { answer: string | null; citations: unknown[]; passages: { file: string; page: number }[]; conversationId: string | null };
  assert.equal(answer.answer, null);
  assert.deepEqual(answer.citations, []);
  assert.ok(answer.passages[0]!.file.endsWith("report.pdf"));
  assert.equal(answer.passages[0]!.page, 3);
  const askHuman = await enclave(["ask", "HERON", "--collection", "cli"]);
  assert.equal(askHuman.code, 0, askHuman.stderr);
  assert.match(askHuman.stdout, /\[1\] notes\.md, page 1/);
});

test("enclave settings set / show: validated by the engine, model paths made absolute", { timeout: 60_000 }, async () => {
  const set = await enclave(["settings", "set", "embeddingModel", "models/embed.gguf"]);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, new RegExp(`embeddingModel = "${root.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}models/embed\\.gguf"`));
  const bad = await enclave(["settings", "set", "contextSize", "12"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /contextSize/);
  const unknown = await enclave(["settings", "set", "bogus", "1"]);
  assert.equal(unknown.code, 2);
  const show = await enclave(["settings", "--json"]);
  const { settings } = JSON.parse(show.stdout) as { settings: { embeddingModel: string; contextSize: number } };
  assert.ok(settings.embeddingModel.endsWith("models/embed.gguf"));
  assert.equal(settings.contextSize, 4096, "the refused change left the setting as it was");
  await enclave(["settings", "set", "embeddingModel", "null"]);
});
