import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import type { EvalReport } from "../../../../native/contract/rag-eval.ts";
import { FakeApi, untilAborted } from "../../../testing/fake-api.ts";
import { installApi } from "../../../services/api.ts";
import { cancelEvaluation, formatOf, initialEvaluateState, runEvaluation, useEvaluateStore } from "./store.ts";

const metrics = { hitAt1: 0.5, hitAt5: 1, hitAtK: 1, mrr: 0.75 };
const report: EvalReport = { collection: "work", mode: "fulltext", k: 5, questions: 2, hitAt1: 0.5, hitAt5: 1, mrr: 0.75, pageExact: metrics, sameFile: metrics, misses: [], ms: 12 };
const file = (name: string, text: string) => ({ name, text: async () => text });

let fake: FakeApi;
beforeEach(() => {
  fake = new FakeApi();
  installApi(fake);
  useEvaluateStore.setState(initialEvaluateState());
});

test("runs rag.eval with the file's text and format, follows progress, keeps the report", async () => {
  const seen: (number | null)[] = [];
  const unsub = useEvaluateStore.subscribe((s) => s.running && seen.push(s.running.done));
  fake.handle("rag.eval", async (input, { requestId }) => {
    fake.emit("progress", { requestId, task: "search", fraction: 0.5, current: 1, total: 2 });
    fake.emit("progress", { requestId: "someone-else", task: "search", fraction: 1, current: 9, total: 9 });
    return { ...report, collection: input.collection };
  });
  await runEvaluation(file("set.csv", "question,file,page\nq,a.pdf,1\n"), "work", { k: 5, mode: "fulltext" });
  unsub();
  assert.deepEqual(fake.calls[0]!.input, { collection: "work", text: "question,file,page\nq,a.pdf,1\n", format: "csv", k: 5, mode: "fulltext" });
  assert.ok(seen.includes(1) && !seen.includes(9), "only its own request's progress");
  const state = useEvaluateStore.getState();
  assert.equal(state.running, null);
  assert.equal(state.report?.hitAt5, 1);
  assert.equal(state.error, null);
});

test("a file that is neither JSONL nor CSV is refused before any call", async () => {
  await runEvaluation(file("set.txt", "x"), "work", { k: 5 });
  assert.equal(fake.calls.length, 0);
  assert.match(useEvaluateStore.getState().error ?? "", /\.jsonl or \.csv/);
  assert.equal(formatOf("a.NDJSON"), "jsonl");
});

test("the engine's refusal is shown; cancelling ends without an error", async () => {
  fake.handle("rag.eval", async () => {
    throw { code: "INVALID_INPUT", message: "The evaluation set has 1 bad record(s):\nline 2: \"page\" must be a whole number" };
  });
  await runEvaluation(file("set.jsonl", "{}"), "work", { k: 5 });
  assert.match(useEvaluateStore.getState().error ?? "", /line 2/);

  fake.handle("rag.eval", (_input, { signal }) => untilAborted(signal));
  const running = runEvaluation(file("set.jsonl", "{}"), "work", { k: 5 });
  await new Promise((resolve) => setTimeout(resolve, 0));
  cancelEvaluation();
  await running;
  assert.equal(fake.cancelled.length, 1);
  assert.equal(useEvaluateStore.getState().error, null);
  assert.equal(useEvaluateStore.getState().running, null);
});
