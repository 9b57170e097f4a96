// The quant lab through the real engine on the generated test models (the same random weights in
// F16, Q8_0 and Q4_0): every variant measured, F16 as the reference, Q8_0 closer to it than Q4_0,
// a second run answered from the cache, a sample from an indexed collection, and cancel.
// Random weights make the perplexities meaningless as quality (they are near the vocabulary size);
// what is checked is that the figures are real measurements with the ordering quantization implies.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTestModels, TEST_MODEL_NAME, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";
import type { ProgressEvent } from "../native/contract/events.ts";

let models: TestModels;
let engine: TestEngine;
let group: string;
const SAMPLE =
  "The lighthouse keeper climbed the spiral stairs every evening at dusk. He trimmed the wick, polished the great lens " +
  "and wrote the weather in his log: wind from the west, a long swell, two fishing boats returning before the rain.";

before(async () => {
  models = await getTestModels();
  engine = await startTestEngine();
  await engine.client.call("models.addFolder", { path: models.dir });
  const { groups } = await engine.client.call("models.list", {});
  const tiny = groups.find((g) => g.name === TEST_MODEL_NAME && g.variants.some((v) => v.kind === "model"));
  assert.ok(tiny, "the test model group is listed");
  group = tiny.key;
});

after(async () => {
  await engine?.close();
});

test("measures every variant against the largest one, then answers the same run from the cache", { timeout: 240_000 }, async () => {
  const progress: ProgressEvent[] = [];
  const report = await engine.client.call(
    "quantLab.run",
    { group, sample: { kind: "text", text: SAMPLE }, maxTokens: 48, decodeTokens: 8 },
    { onEvent: (event, payload) => event === "progress" && progress.push(payload as ProgressEvent) },
  );
  assert.deepEqual(report.skipped, []);
  assert.deepEqual(report.results.map((r) => r.quant), ["F16", "Q8_0", "Q4_0"]);
  const [f16, q8, q4] = report.results as [(typeof report.results)[0], (typeof report.results)[0], (typeof report.results)[0]];
  assert.equal(f16.reference, true);
  assert.equal(f16.klDivergence, 0);
  assert.equal(f16.topTokenAgreement, 1);
  assert.ok(q8.klDivergence > 0, "Q8_0 differs from F16");
  assert.ok(q4.klDivergence > q8.klDivergence, `Q4_0 (${q4.klDivergence}) is further from F16 than Q8_0 (${q8.klDivergence})`);
  for (const r of report.results) {
    assert.equal(r.cached, false);
    assert.equal(r.tokens, report.sampleTokens);
    assert.ok(r.tokens > 20 && r.tokens <= 48, `${r.tokens} tokens`);
    assert.ok(Number.isFinite(r.perplexity) && r.perplexity > 1, `perplexity ${r.perplexity}`);
    assert.ok(r.prefillTokensPerSecond > 0 && r.decodeTokensPerSecond > 0);
    assert.ok(r.measuredRamBytes > r.sizeBytes * 0.5, `the weights are resident while the model was loaded: ${JSON.stringify(report.results.map((x) => [x.quant, x.measuredRamBytes, x.estimatedRamBytes, x.sizeBytes, x.prefillTokensPerSecond, x.decodeTokensPerSecond, x.perplexity, x.klDivergence]))}`);
    assert.ok(r.estimatedRamBytes !== null && r.estimatedRamBytes > 0);
    assert.match(r.sha256, /^[0-9a-f]{64}$/);
    assert.equal(r.threads, 1);
  }
  const lab = progress.filter((p) => p.task === "quantlab");
  assert.ok(lab.some((p) => /scoring/.test(p.message ?? "")), "progress names the step");
  assert.equal(lab.at(-1)?.fraction, 1);

  const again = await engine.client.call("quantLab.run", { group, sample: { kind: "text", text: SAMPLE }, maxTokens: 48, decodeTokens: 8 });
  assert.deepEqual(again.results.map((r) => r.cached), [true, true, true]);
  assert.deepEqual(
    again.results.map((r) => [r.sha256, r.perplexity, r.klDivergence]),
    report.results.map((r) => [r.sha256, r.perplexity, r.klDivergence]),
  );
  // Another sample is another cache entry.
  const other = await engine.client.call("quantLab.run", { group, models: [models.q8_0, models.q4_0], sample: { kind: "text", text: `${SAMPLE} Again.` }, maxTokens: 48, decodeTokens: 8 });
  assert.deepEqual(other.results.map((r) => [r.quant, r.cached, r.reference]), [["Q8_0", false, true], ["Q4_0", false, false]]);
});

test("a sample from an indexed collection; an empty one and an unknown group are clear errors", { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-lab-docs-"));
  try {
    await writeFile(join(dir, "notes.md"), `# Harbour notes\n\n${SAMPLE}\n\nThe harbour master counts the boats each morning and writes the tides on a slate by the door.\n`);
    await engine.client.call("rag.ingest", { paths: [dir], collection: "harbour" });
    const report = await engine.client.call("quantLab.run", { group, models: [models.q8_0, models.q4_0], sample: { kind: "collection", collection: "harbour" }, maxTokens: 32, decodeTokens: 4 });
    assert.equal(report.results.length, 2);
    assert.equal(report.sampleTokens, 32);
    await assert.rejects(engine.client.call("quantLab.run", { group, sample: { kind: "collection", collection: "nothing-here" } }), { code: "NOT_FOUND" });
    await assert.rejects(engine.client.call("quantLab.run", { group: "no-such-group", sample: { kind: "text", text: SAMPLE } }), { code: "MODEL_NOT_FOUND" });
    await assert.rejects(engine.client.call("quantLab.run", { group, sample: { kind: "text", text: "   " } }), { code: "INVALID_INPUT" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("cancel stops a run with ABORTED and caches nothing half-done", { timeout: 240_000 }, async () => {
  const controller = new AbortController();
  const run = engine.client.call(
    "quantLab.run",
    { group, sample: { kind: "text", text: `${SAMPLE} Cancelled.` }, maxTokens: 48, decodeTokens: 8, fresh: true },
    { signal: controller.signal, onEvent: (event, payload) => event === "progress" && /scoring/.test((payload as ProgressEvent).message ?? "") && controller.abort() },
  );
  await assert.rejects(run, { code: "ABORTED" });
  const after = await engine.client.call("quantLab.run", { group, models: [models.f16], sample: { kind: "text", text: `${SAMPLE} Cancelled.` }, maxTokens: 48, decodeTokens: 8 });
  assert.deepEqual(after.results.map((r) => r.cached), [false], "the cancelled run left no result for the reference");
});
