import { test } from "node:test";
import assert from "node:assert/strict";
import type { EvalQuestion } from "./questions.ts";
import { metricsOf, rankOf, scoreEval } from "./score.ts";
import { runEval } from "./run-eval.ts";

const q = (line: number, file: string, page: number | null): EvalQuestion => ({ line, question: `q${line}`, file, page });

test("rank: page-exact needs the page, same-file does not; file names compare by base name, case-insensitively", () => {
  const results = [
    { file: "/x/other.pdf", page: 3 },
    { file: "/docs/Manual.pdf", page: 4 },
    { file: "/docs/Manual.pdf", page: 3 },
  ];
  assert.equal(rankOf(q(1, "manual.pdf", 3), results, 5, true), 3);
  assert.equal(rankOf(q(1, "manual.pdf", 3), results, 5, false), 2);
  assert.equal(rankOf(q(1, "manual.pdf", null), results, 5, true), 2, "no page: any page of the file is exact");
  assert.equal(rankOf(q(1, "manual.pdf", 3), results, 2, true), null, "beyond the depth: not found");
  assert.equal(rankOf(q(1, "missing.pdf", 3), results, 5, false), null);
});

test("metrics: hit@1, hit@5, hit@k and MRR by hand", () => {
  // ranks 1, 2, 5, 7, none over k = 10: hit@1 1/5, hit@5 3/5, hit@10 4/5, MRR (1 + 1/2 + 1/5 + 1/7) / 5
  const m = metricsOf([1, 2, 5, 7, null], 10);
  assert.equal(m.hitAt1, 0.2);
  assert.equal(m.hitAt5, 0.6);
  assert.equal(m.hitAtK, 0.8);
  assert.ok(Math.abs(m.mrr - (1 + 0.5 + 0.2 + 1 / 7) / 5) < 1e-12);
  // k = 3: rank 5 still counts for hit@5 but not for hit@k or MRR
  const small = metricsOf([1, 5], 3);
  assert.deepEqual(small, { hitAt1: 0.5, hitAt5: 1, hitAtK: 0.5, mrr: 0.5 });
  assert.deepEqual(metricsOf([], 5), { hitAt1: 0, hitAt5: 0, hitAtK: 0, mrr: 0 });
});

test("report: page-exact vs same-file, and every miss with what came first", () => {
  const report = scoreEval(
    [
      { question: q(1, "a.pdf", 2), results: [{ file: "/d/a.pdf", page: 2 }] },
      { question: q(2, "a.pdf", 5), results: [{ file: "/d/b.pdf", page: 1 }, { file: "/d/a.pdf", page: 4 }] },
      { question: q(3, "c.md", null), results: [] },
    ],
    { collection: "c", mode: "fulltext", k: 5, ms: 1 },
  );
  assert.equal(report.questions, 3);
  assert.ok(Math.abs(report.hitAt1 - 1 / 3) < 1e-12);
  assert.ok(Math.abs(report.hitAt5 - 1 / 3) < 1e-12);
  assert.equal(report.hitAt5, report.pageExact.hitAt5);
  assert.ok(Math.abs(report.sameFile.hitAt5 - 2 / 3) < 1e-12);
  assert.ok(Math.abs(report.sameFile.mrr - (1 + 0.5) / 3) < 1e-12);
  assert.deepEqual(report.misses, [
    { line: 2, question: "q2", expected: { file: "a.pdf", page: 5 }, first: { file: "b.pdf", page: 1 }, sameFileRank: 2 },
    { line: 3, question: "q3", expected: { file: "c.md", page: null }, first: null, sameFileRank: null },
  ]);
});

test("runEval asks for at least 5 results, reports progress, and stops when cancelled", async () => {
  const asked: number[] = [];
  const progress: number[] = [];
  const report = await runEval([q(1, "a.pdf", 1), q(2, "a.pdf", 2)], async (_question, { k }) => {
    asked.push(k);
    return [{ file: "a.pdf", page: 1 }];
  }, { collection: "c", mode: "fulltext", k: 1, onProgress: (done) => progress.push(done) });
  assert.deepEqual(asked, [5, 5]);
  assert.deepEqual(progress, [1, 2]);
  assert.equal(report.hitAt1, 0.5);
  assert.equal(report.k, 1);

  const controller = new AbortController();
  await assert.rejects(
    runEval([q(1, "a.pdf", 1), q(2, "a.pdf", 2)], async () => {
      controller.abort();
      return [];
    }, { collection: "c", mode: "fulltext", signal: controller.signal }),
    /cancelled/,
  );
});
