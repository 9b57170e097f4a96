// `enclave eval` end to end: real CLI and engine processes, a real LanceDB index of a real PDF and a
// Markdown file, full-text only. The figures are checked by hand: two of three questions answerable.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rm, writeFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runEnclave } from "./helpers/cli.ts";
import { fixtureDir, threePagePdf } from "./fixtures/documents/documents.ts";

let dataDir: string;
let docs: string;
const enclave = (args: string[]) => runEnclave(dataDir, args);

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "enclave-cli-eval-"));
  const { dir, write } = fixtureDir("enclave-cli-eval-docs-");
  write("report.pdf", threePagePdf());
  write("notes.md", "# Notes\n\nThe marker word is HERON.\n");
  docs = dir;
});
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(docs, { recursive: true, force: true });
});

test("enclave eval: hit@1 / hit@5 / MRR as fractions, misses listed, bad sets refused with their line", { timeout: 120_000 }, async () => {
  const ingest = await enclave(["ingest", docs, "--collection", "ev", "--json", "--no-ocr"]);
  assert.equal(ingest.code, 0, ingest.stderr);

  const set = join(docs, "set.jsonl");
  await writeFile(
    set,
    [
      JSON.stringify({ question: "What is the bravo budget?", file: "report.pdf", page: 2 }),
      JSON.stringify({ question: "Which bird is the marker word?  heron", file: "notes.md", page: null }),
      JSON.stringify({ question: "zebra giraffe okapi", file: "report.pdf", page: 1 }),
    ].join("\n"),
  );
  const json = await enclave(["eval", set, "--collection", "ev", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as { questions: number; hitAt1: number; hitAt5: number; mrr: number; mode: string; misses: { line: number; expected: { file: string; page: number | null } }[] };
  assert.equal(report.questions, 3);
  assert.equal(report.mode, "fulltext");
  assert.ok(Math.abs(report.hitAt1 - 2 / 3) < 1e-9, `hitAt1 ${report.hitAt1}`);
  assert.ok(Math.abs(report.hitAt5 - 2 / 3) < 1e-9);
  assert.ok(Math.abs(report.mrr - 2 / 3) < 1e-9);
  assert.deepEqual(report.misses.map((m) => [m.line, m.expected]), [[3, { file: "report.pdf", page: 1 }]]);

  const csv = join(docs, "set.csv");
  await writeFile(csv, "question,file,page\nWhat is the bravo budget?,report.pdf,2\n");
  const human = await enclave(["eval", csv, "--collection", "ev"]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /1 questions/);
  assert.match(human.stdout, /page-exact\s+1\.000/);

  await writeFile(csv, "question,file,page\nq,report.pdf,two\n");
  const bad = await enclave(["eval", csv, "--collection", "ev"]);
  assert.equal(bad.code, 2, "invalid input → usage exit status");
  assert.match(bad.stderr, /line 2/);

  const wrongExt = await enclave(["eval", join(docs, "notes.md"), "--collection", "ev"]);
  assert.equal(wrongExt.code, 2);
});
