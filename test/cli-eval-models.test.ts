// `enclave eval --model A --model B [--lora]` end to end: real CLI and engine processes, a real
// LanceDB index (full text) and the generated test models. Random weights answer noise, so no answer
// here contains its expected text; what is checked is that each row is that model's (its quant, its
// adapter, its own greedy answers), that the figures are the means of its answers, and the formats.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelEvalReport } from "../native/contract/model-eval.ts";
import { ExitCode } from "../native/host/exit-codes.ts";
import { runEnclave, type CliRun } from "./helpers/cli.ts";
import { fixtureDir, threePagePdf } from "./fixtures/documents/documents.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";

let models: TestModels;
let dataDir: string;
let docs: string;
let set: string;
const enclave = (args: string[]): Promise<CliRun> => runEnclave(dataDir, args, { timeoutMs: 240_000 });
const EVAL = () => ["eval", set, "--collection", "ev", "--threads", "1", "--max-tokens", "8"];

before(async () => {
  models = await getTestModels();
  dataDir = await mkdtemp(join(tmpdir(), "enclave-cli-eval-models-"));
  const { dir, write } = fixtureDir("enclave-cli-eval-models-docs-");
  write("report.pdf", threePagePdf());
  write("notes.md", "# Notes\n\nThe marker word is HERON.\n");
  docs = dir;
  const ingest = await enclave(["ingest", docs, "--collection", "ev", "--json", "--no-ocr"]);
  assert.equal(ingest.code, 0, ingest.stderr);
  // Written after ingesting, so the set is not itself a document of the collection.
  set = join(docs, "set.jsonl");
  await writeFile(
    set,
    [
      JSON.stringify({ question: "What is the bravo budget?", file: "report.pdf", page: 2 }),
      JSON.stringify({ question: "Which bird is the marker word?  heron", file: "notes.md", page: null, answer: "HERON" }),
    ].join("\n"),
  );
});
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(docs, { recursive: true, force: true });
});

const mean = (xs: number[]): number => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100;

/** The first test's report: its Q8_0 row, without an adapter, is what the --lora test compares with. */
let twoModels: ModelEvalReport | undefined;

test("--model A --model B: one row per quant, its figures the means of its own answers, retrieval scored once", { timeout: 300_000 }, async () => {
  const run = await enclave([...EVAL(), "--model", models.q8_0, "--model", models.q4_0, "--json", "--answers"]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as ModelEvalReport;
  twoModels = report;
  assert.equal(report.questions, 2);
  assert.equal(report.retrieval.hitAt1, 1, "both questions' files come first (full text)");
  assert.deepEqual(report.models.map((r) => r.quant), ["Q8_0", "Q4_0"]);
  for (const row of report.models) {
    assert.equal(row.threads, 1);
    assert.deepEqual(row.lora, []);
    const answers = row.answers!;
    assert.deepEqual(answers.map((a) => a.line), [1, 2]);
    assert.equal(answers[0]!.containsExpected, null, "the first question gives no answer to look for");
    assert.equal(typeof answers[1]!.containsExpected, "boolean");
    assert.equal(row.withExpected, 1);
    assert.equal(row.answerContains, answers[1]!.containsExpected ? 1 : 0);
    assert.ok(answers.every((a) => a.outputTokens > 0 && a.outputTokens <= 8), "answers capped by --max-tokens");
    assert.equal(row.tokensPerAnswer, mean(answers.map((a) => a.outputTokens)));
    assert.equal(row.ttftMs, mean(answers.map((a) => a.ttftMs)));
    assert.equal(row.cpuMsPerAnswer, mean(answers.map((a) => a.cpuMs)));
    assert.ok(row.cpuMsPerAnswer > 0, "answering took CPU time");
    assert.ok(Math.abs(row.joulesPerAnswer - (row.cpuMsPerAnswer / 1000) * report.wattsPerCore) < 0.01);
  }
  assert.equal(report.wattsPerCore, 15);
});

test("--lora applies the adapter to the row (greedy answers change); --csv and the table; misuse refused", { timeout: 300_000 }, async () => {
  let p = twoModels?.models[0];
  if (!p) {
    // Run alone (--test-name-pattern): answer without the adapter here.
    const plain = await enclave([...EVAL(), "--model", models.q8_0, "--json", "--answers"]);
    assert.equal(plain.code, 0, plain.stderr);
    p = (JSON.parse(plain.stdout) as ModelEvalReport).models[0]!;
  }
  assert.equal(p.quant, "Q8_0");
  const adapted = await enclave([...EVAL(), "--model", models.q8_0, "--lora", `${models.lora}:2`, "--json", "--answers", "--watts", "30"]);
  assert.equal(adapted.code, 0, adapted.stderr);
  const a = JSON.parse(adapted.stdout) as ModelEvalReport;
  assert.deepEqual(a.models[0]!.lora, [{ path: models.lora, scale: 2 }]);
  assert.equal(a.wattsPerCore, 30);
  assert.notDeepEqual(a.models[0]!.answers!.map((x) => x.text), p.answers!.map((x) => x.text), "the adapter changed the greedy answers");

  const csv = await enclave([...EVAL(), "--model", models.q4_0, "--csv"]);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trimEnd().split("\r\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^model,answerContains,citationVerifiedRate,ttftMs,tokensPerSecond,tokensPerAnswer,joulesPerAnswer,/);
  assert.match(lines[1]!, /Q4_0/);

  const table = await enclave([...EVAL(), "--model", models.q4_0]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /2 questions/);
  assert.match(table.stdout, /Answer found\s+Citations verified\s+TTFT ms/);
  assert.match(table.stdout, /Q4_0\s+0%/);

  const loraAlone = await enclave(["eval", set, "--collection", "ev", "--lora", models.lora]);
  assert.equal(loraAlone.code, ExitCode.USAGE);
  assert.match(loraAlone.stderr, /--lora needs --model/);
  const notAModel = await enclave([...EVAL(), "--model", models.lora]);
  assert.notEqual(notAModel.code, ExitCode.OK);
  assert.match(notAModel.stderr, /adapter/);
});
