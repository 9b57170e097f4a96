import { test } from "node:test";
import assert from "node:assert/strict";
import type { EvalModelRow } from "./model-eval.ts";
import { EVAL_COLUMNS, evalRowLabel, modelEvalCsv } from "./model-eval-table.ts";

const row: EvalModelRow = {
  modelId: "abc", modelName: "Tiny, \"test\"", quant: "Q8_0", sha256: null, lora: [{ path: "/a/b/style.gguf", scale: 0.5 }], threads: 1, loadMs: 12,
  withExpected: 2, answerContains: 0.5, citationVerifiedRate: null, citationsPerAnswer: 0, ttftMs: 40.4, tokensPerSecond: 99.44, tokensPerAnswer: 12,
  cpuMsPerAnswer: 300, joulesPerAnswer: 4.5,
};

test("the table shows fractions as percentages and '–' where a figure does not apply", () => {
  const cells = Object.fromEntries(EVAL_COLUMNS.map((c) => [c.key, c.text(row)]));
  assert.equal(cells.model, 'Tiny, "test" Q8_0 + style.gguf×0.5');
  assert.equal(cells.answerContains, "50%");
  assert.equal(cells.citationVerifiedRate, "–");
  assert.equal(cells.acceptanceRate, "–");
  assert.equal(cells.tokensPerSecond, "99.4");
  assert.equal(evalRowLabel({ ...row, quant: null, lora: [] }), 'Tiny, "test"');
});

test("CSV: a header of stable keys, raw numbers, quoted cells, empty where not applicable", () => {
  const csv = modelEvalCsv({ models: [row], wattsPerCore: 15 });
  const [header, line] = csv.split("\r\n");
  assert.equal(header, "model,answerContains,citationVerifiedRate,ttftMs,tokensPerSecond,tokensPerAnswer,joulesPerAnswer,acceptanceRate,modelId,sha256,withExpected,citationsPerAnswer,cpuMsPerAnswer,threads,loadMs,wattsPerCore");
  assert.equal(line, '"Tiny, ""test"" Q8_0 + style.gguf×0.5",0.5,,40.4,99.44,12,4.5,,abc,,2,0,300,1,12,15');
  assert.ok(csv.endsWith("\r\n"));
});
