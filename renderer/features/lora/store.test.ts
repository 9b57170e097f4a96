import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import type { LoadedModel } from "../../../native/contract/inference.ts";
import { FakeApi } from "../../testing/fake-api.ts";
import { installApi } from "../../services/api.ts";
import { initialModelsState, useModelsStore } from "../../shared/models/store.ts";
import { addAdapter, clampScale, initialLoraState, removeAdapter, setScale, useLoraStore } from "./store.ts";

const loaded = (lora: LoadedModel["lora"]) => ({ lora, contextSize: 512 }) as unknown as LoadedModel; // only `lora` is read here

let fake: FakeApi;
beforeEach(() => {
  fake = new FakeApi();
  installApi(fake);
  useModelsStore.setState({ ...initialModelsState(), loaded: loaded([{ path: "/a.gguf", scale: 1 }]) });
  useLoraStore.setState(initialLoraState());
  fake.handle("inference.setLora", ({ lora }) => loaded(lora.map((a) => ({ path: a.path, scale: a.scale ?? 1 }))));
});

test("add, rescale and remove each send the whole new list; the engine's answer is what is shown", async () => {
  await addAdapter("/b.gguf", 0.5);
  await addAdapter("/b.gguf", 2); // already applied: nothing sent
  await setScale("/a.gguf", 12);
  await setScale("/a.gguf", 10); // unchanged after clamping: nothing sent
  await removeAdapter("/b.gguf");
  assert.deepEqual(
    fake.calls.map((c) => c.input),
    [
      { lora: [{ path: "/a.gguf", scale: 1 }, { path: "/b.gguf", scale: 0.5 }] },
      { lora: [{ path: "/a.gguf", scale: 10 }, { path: "/b.gguf", scale: 0.5 }] },
      { lora: [{ path: "/a.gguf", scale: 10 }] },
    ],
  );
  assert.deepEqual(useModelsStore.getState().loaded?.lora, [{ path: "/a.gguf", scale: 10 }]);
});

test("a refused adapter shows the engine's message and keeps the list the engine has", async () => {
  fake.handle("inference.setLora", () => {
    throw { code: "INCOMPATIBLE_ADAPTER", message: "The LoRA adapter /c.gguf does not fit this model" };
  });
  await addAdapter("/c.gguf");
  assert.match(useLoraStore.getState().error ?? "", /does not fit/);
  assert.equal(useLoraStore.getState().applying, false);
  assert.deepEqual(useModelsStore.getState().loaded?.lora, [{ path: "/a.gguf", scale: 1 }]);
  assert.equal(clampScale(Number.NaN), 1);
  assert.equal(clampScale(-11), -10);
});
