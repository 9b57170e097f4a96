import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import type { ModelEvalReport } from "../../../../../native/contract/model-eval.ts";
import { FakeApi, untilAborted } from "../../../../testing/fake-api.ts";
import { installApi } from "../../../../services/api.ts";
import { cancelModelEvaluation, initialModelEvalState, reportCsv, runModelEvaluation, toggleModel, useModelEvalStore } from "./store.ts";

const metrics = { hitAt1: 1, hitAt5: 1, hitAtK: 1, mrr: 1 };
const report: ModelEvalReport = {
  collection: "work",
  questions: 1,
  retrieval: { collection: "work", mode: "fulltext", k: 5, questions: 1, hitAt1: 1, hitAt5: 1, mrr: 1, pageExact: metrics, sameFile: metrics, misses: [], ms: 3 },
  wattsPerCore: 15,
  maxTokens: 256,
  models: [
    { modelId: "a", modelName: "Tiny", quant: "Q8_0", sha256: null, lora: [], threads: 1, loadMs: 5, withExpected: 1, answerContains: 1, citationVerifiedRate: null, citationsPerAnswer: 0, ttftMs: 10, tokensPerSecond: 50, tokensPerAnswer: 8, cpuMsPerAnswer: 100, joulesPerAnswer: 1.5 },
  ],
  ms: 20,
};
const file = (name: string, text: string) => ({ name, text: async () => text });

let fake: FakeApi;
beforeEach(() => {
  fake = new FakeApi();
  installApi(fake);
  useModelEvalStore.setState(initialModelEvalState());
});

test("sends the ticked models in order with the set, follows its own progress, keeps the report and its CSV", async () => {
  toggleModel("b");
  toggleModel("a");
  toggleModel("c");
  toggleModel("c");
  const messages: string[] = [];
  const unsub = useModelEvalStore.subscribe((s) => s.running?.message && messages.push(s.running.message));
  fake.handle("rag.evalModels", async (_input, { requestId }) => {
    fake.emit("progress", { requestId, task: "eval", fraction: 0.5, message: "Tiny: question 1 of 1" });
    fake.emit("progress", { requestId: "other", task: "eval", fraction: 0.9, message: "not ours" });
    return report;
  });
  await runModelEvaluation(file("set.jsonl", '{"question":"q","file":"a.pdf","page":1}'), "work", { k: 5, mode: "fulltext" });
  unsub();
  assert.deepEqual(fake.calls[0]!.input, { collection: "work", text: '{"question":"q","file":"a.pdf","page":1}', format: "jsonl", k: 5, mode: "fulltext", models: [{ model: "b" }, { model: "a" }] });
  assert.deepEqual([...new Set(messages)], ["Tiny: question 1 of 1"]);
  assert.equal(useModelEvalStore.getState().report?.models[0]?.quant, "Q8_0");
  assert.match(reportCsv() ?? "", /^model,answerContains,/);
  assert.match(reportCsv() ?? "", /Tiny Q8_0,1,,10,50,8,1\.5,/);
});

test("nothing ticked or a wrong file is refused before any call; cancelling ends without an error", async () => {
  await runModelEvaluation(file("set.jsonl", "{}"), "work", { k: 5 });
  assert.match(useModelEvalStore.getState().error ?? "", /at least one model/);
  toggleModel("a");
  await runModelEvaluation(file("set.txt", "{}"), "work", { k: 5 });
  assert.match(useModelEvalStore.getState().error ?? "", /\.jsonl or \.csv/);
  assert.equal(fake.calls.length, 0);

  fake.handle("rag.evalModels", (_input, { signal }) => untilAborted(signal));
  const running = runModelEvaluation(file("set.jsonl", "{}"), "work", { k: 5 });
  await new Promise((resolve) => setTimeout(resolve, 0));
  toggleModel("b");
  assert.deepEqual(useModelEvalStore.getState().chosen, ["a"], "the choice is fixed while a comparison runs");
  cancelModelEvaluation();
  await running;
  assert.equal(fake.cancelled.length, 1);
  assert.equal(useModelEvalStore.getState().error, null);
  assert.equal(useModelEvalStore.getState().running, null);
});
