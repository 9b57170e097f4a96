import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { freshApi } from "../../testing/install.ts";
import { untilAborted, type FakeApi } from "../../testing/fake-api.ts";
import type { QuantLabReport, QuantLabResult } from "../../../native/contract/quant-lab.ts";
import { cancelLab, chartPoints, initialQuantLabState, openLab, runLab, setSample, useQuantLabStore } from "./store.ts";

const result = (quant: string, over: Partial<QuantLabResult> = {}): QuantLabResult => ({
  modelId: quant, path: `/m/${quant}.gguf`, displayName: `tiny-${quant}`, quant, sha256: "a".repeat(64), sizeBytes: 1, reference: false, threads: 1,
  tokens: 40, prefillTokensPerSecond: 100, decodeTokensPerSecond: 10, measuredRamBytes: 5 * 1024 ** 2, estimatedRamBytes: 6 * 1024 ** 2,
  perplexity: 30, klDivergence: 0.0123456, topTokenAgreement: 0.9, measuredAt: "2026-12-03T00:00:00Z", cached: false, ...over,
});
const REPORT: QuantLabReport = { groupKey: "g", sampleHash: "h", sampleTokens: 40, contextSize: 64, results: [result("F16", { reference: true, klDivergence: 0 }), result("Q4_0")], skipped: [] };

let api: FakeApi;
beforeEach(() => {
  api = freshApi();
  useQuantLabStore.setState(initialQuantLabState);
});

test("a run sends the pasted sample, follows its progress and keeps the report", async () => {
  const seen: (string | null)[] = [];
  api.handle("quantLab.run", (_input, { requestId }) => {
    api.emit("progress", { requestId, task: "quantlab", fraction: 0.5, message: "tiny-Q4_0 (Q4_0): scoring the sample" });
    seen.push(useQuantLabStore.getState().running?.message ?? null);
    api.emit("progress", { requestId: "someone-else", task: "quantlab", fraction: 0.9, message: "not ours" });
    seen.push(useQuantLabStore.getState().running?.message ?? null);
    return REPORT;
  });
  openLab("g");
  setSample({ text: "Some text", threads: 2 });
  assert.deepEqual(await runLab(), REPORT);
  assert.deepEqual(api.callsOf("quantLab.run")[0]!.input, { group: "g", sample: { kind: "text", text: "Some text" }, threads: 2 });
  assert.deepEqual(seen, ["tiny-Q4_0 (Q4_0): scoring the sample", "tiny-Q4_0 (Q4_0): scoring the sample"]);
  assert.equal(useQuantLabStore.getState().running, null);
  assert.equal(useQuantLabStore.getState().report, REPORT);
});

test("an empty sample is refused without a call; a collection sample is sent as one", async () => {
  api.handle("quantLab.run", () => REPORT);
  openLab("g");
  assert.equal(await runLab(), null);
  assert.match(useQuantLabStore.getState().error!, /Paste/);
  setSample({ sampleKind: "collection", collection: "notes" });
  await runLab({ fresh: true });
  assert.deepEqual(api.callsOf("quantLab.run").map((c) => c.input), [{ group: "g", sample: { kind: "collection", collection: "notes" }, fresh: true }]);
});

test("cancel stops the run and says so", async () => {
  api.handle("quantLab.run", (_input, { signal }) => untilAborted(signal));
  openLab("g");
  setSample({ text: "x" });
  const run = runLab();
  cancelLab();
  assert.equal(await run, null);
  assert.equal(api.cancelled.length, 1);
  assert.match(useQuantLabStore.getState().error!, /Cancelled/);
  assert.equal(useQuantLabStore.getState().running, null);
});

test("chart points carry memory in MiB and KL in millinats", () => {
  const [f16, q4] = chartPoints(REPORT.results);
  assert.deepEqual([f16!.label, f16!.klMilli, f16!.reference], ["F16", 0, true]);
  assert.deepEqual([q4!.memoryMiB, q4!.klMilli], [5, 12.346]);
});
