import { test } from "node:test";
import assert from "node:assert/strict";
import type { ProgressEvent } from "../../../native/contract/events.ts";
import { applyProgress, describeFile, formatEta, startRun, visibleFiles } from "./progress.ts";

const event = (over: Partial<ProgressEvent>): ProgressEvent => ({ requestId: "r1", task: "ingest", fraction: 0.1, current: 0, total: 2, ...over });

test("files appear in the order they start and update in place", () => {
  let run = startRun("r1", "work");
  run = applyProgress(run, event({ file: { path: "/a.pdf", phase: "hashing", fraction: 0 } }));
  run = applyProgress(run, event({ file: { path: "/a.pdf", phase: "parsing", fraction: 0.2, pagesDone: 2, pagesTotal: 10 } }));
  run = applyProgress(run, event({ fraction: 0.6, current: 1, etaMs: 4000, file: { path: "/b.md", phase: "embedding", fraction: 0.7, chunksEmbedded: 3, chunksTotal: 4 } }));
  assert.deepEqual(run.files.map((f) => [f.path, f.phase]), [["/a.pdf", "parsing"], ["/b.md", "embedding"]]);
  assert.equal(run.files[0]!.pagesDone, 2);
  assert.equal(run.fraction, 0.6);
  assert.equal(run.filesDone, 1);
  assert.equal(run.filesTotal, 2);
  assert.equal(run.etaMs, 4000);
});

test("events of another call or another task leave the run unchanged", () => {
  const run = startRun("r1", "work");
  assert.equal(applyProgress(run, event({ requestId: "other" })), run);
  assert.equal(applyProgress(run, event({ task: "load" })), run);
});

test("a file's line names its phase and counts", () => {
  assert.equal(describeFile({ path: "/a.pdf", phase: "ocr", fraction: 0.3, pagesDone: 3, pagesTotal: 9, ocrPages: 1 }), "Recognising text (OCR) · page 3 of 9 · 1 OCR page");
  assert.equal(describeFile({ path: "/a.pdf", phase: "embedding", fraction: 0.7, chunksEmbedded: 5, chunksTotal: 8 }), "Embedding · 5 of 8 passages embedded");
  assert.equal(describeFile({ path: "/a.pdf", phase: "skipped", fraction: 1 }), "Unchanged, skipped");
});

test("ETA reads in seconds, minutes or hours", () => {
  assert.equal(formatEta(null), null);
  assert.equal(formatEta(4200), "about 4 s left");
  assert.equal(formatEta(180_000), "about 3 min left");
  assert.equal(formatEta(3_900_000), "about 1 h 5 min left");
});

test("a large import draws the files in progress and the latest finished ones only", () => {
  let run = startRun("r1", "work");
  for (let i = 1; i <= 300; i++) run = applyProgress(run, event({ file: { path: `/f${i}.md`, phase: i === 150 ? "embedding" : "done", fraction: 1 } }));
  const { files, hidden } = visibleFiles(run, 10);
  assert.deepEqual(files.map((f) => f.path), ["/f150.md", "/f300.md", "/f299.md", "/f298.md", "/f297.md", "/f296.md", "/f295.md", "/f294.md", "/f293.md", "/f292.md"]);
  assert.equal(hidden, 290);
  assert.equal(visibleFiles(startRun("r", "c")).hidden, 0);
});
