import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { freshApi } from "../../testing/install.ts";
import { untilAborted, type FakeApi } from "../../testing/fake-api.ts";
import { entry, estimate, group, loadedModel } from "../../testing/fixtures.ts";
import { acknowledgeLicence, addModelFolder, cancelLoad, chatVariants, isAcknowledged, loadModel, refreshModels, refreshStatus, reloadLost, setOverrides, unloadModel, useModelsStore } from "./store.ts";

let api: FakeApi;
const q4 = entry({ id: "m-q4", quant: "Q4_K_M" });
const q8 = entry({ id: "m-q8", quant: "Q8_0" });

beforeEach(() => {
  api = freshApi();
});

const tick = () => new Promise((r) => setTimeout(r, 0));

test("loading follows its own progress events, sends the load options, and records the loaded model", async () => {
  let release!: () => void;
  api.handle("inference.load", async (input, { requestId }) => {
    api.emit("progress", { requestId, task: "load", fraction: 0.4, message: "tensors" });
    api.emit("progress", { requestId: "other", task: "download", fraction: 0.9 });
    await new Promise<void>((r) => (release = r));
    return loadedModel(q4);
  });
  setOverrides({ contextSize: 8192, threads: 2 });
  const loading = loadModel("m-q4", useModelsStore.getState().overrides);
  await tick();
  assert.deepEqual(
    { fraction: useModelsStore.getState().loading?.fraction, message: useModelsStore.getState().loading?.message },
    { fraction: 0.4, message: "tensors" },
  );
  assert.deepEqual(api.callsOf("inference.load")[0]!.input, { model: "m-q4", contextSize: 8192, threads: 2 });
  await assert.rejects(loadModel("m-q8"), { code: "BUSY" });
  release();
  await loading;
  assert.equal(useModelsStore.getState().loading, null);
  assert.equal(useModelsStore.getState().loaded?.model.id, "m-q4");
  assert.equal(api.listenerCount("progress"), 0);
});

test("cancel stops the load being made and keeps the model that was loaded before", async () => {
  useModelsStore.setState({ loaded: loadedModel(q8) });
  api.handle("inference.load", (_i, { signal }) => untilAborted(signal));
  const loading = loadModel("m-q4");
  await tick();
  cancelLoad();
  await assert.rejects(loading, { code: "ABORTED" });
  assert.equal(api.cancelled.length, 1);
  assert.equal(useModelsStore.getState().loaded?.model.id, "m-q8");
  assert.equal(useModelsStore.getState().loading, null);
});

test("unload clears the loaded model", async () => {
  useModelsStore.setState({ loaded: loadedModel(q8) });
  api.handle("inference.unload", () => ({ unloaded: true }));
  await unloadModel();
  assert.equal(useModelsStore.getState().loaded, null);
});

test("a .gguf path is inspected, a folder is added and the library re-read, an empty path is refused", async () => {
  api
    .handle("models.inspect", (input) => ({ ...entry({ id: "file", path: input.model }), estimate: null, chatTemplate: null, metadata: {} }))
    .handle("models.addFolder", (input) => ({ folder: { path: input.path, source: "user", auto: false, exists: true }, models: [q4, q8] }))
    .handle("models.list", () => ({ groups: [group("m", "Mistral", [{ ...q4, estimate: estimate("fits") }])], folders: [], scanErrors: [] }));
  const one = await addModelFolder(" /x/model.Q4_0.gguf ");
  assert.equal(one[0]!.path, "/x/model.Q4_0.gguf");
  assert.equal(useModelsStore.getState().details?.id, "file");
  const many = await addModelFolder("/x/models");
  assert.equal(many.length, 2);
  assert.equal(useModelsStore.getState().groups.length, 1);
  await assert.rejects(addModelFolder("  "), { code: "INVALID_INPUT" });
});

test("the chat list leaves out adapters, embedding models and unreadable files", async () => {
  api.handle("models.list", () => ({
    groups: [
      group("m", "M", [
        { ...q4, estimate: estimate("fits") },
        { ...entry({ id: "lora", kind: "adapter" }), estimate: null },
        { ...entry({ id: "emb", kind: "embedding" }), estimate: null },
        { ...entry({ id: "bad", error: "truncated" }), estimate: null },
      ]),
    ],
    folders: [],
    scanErrors: [],
  }));
  await refreshModels();
  assert.deepEqual(chatVariants(useModelsStore.getState().groups).map((v) => v.id), ["m-q4"]);
});

test("licence acknowledgements are remembered per model", () => {
  assert.equal(isAcknowledged("m-q4"), false);
  acknowledgeLicence("m-q4");
  acknowledgeLicence("m-q4");
  assert.equal(isAcknowledged("m-q4"), true);
  assert.deepEqual(useModelsStore.getState().acknowledged, ["m-q4"]);
});

test("a model the engine lost in a restart is remembered and loaded again with its context size", async () => {
  const before = { ...loadedModel(q8), contextSize: 8192 };
  useModelsStore.setState({ loaded: before });
  api.handle("inference.status", () => ({ loaded: null, rssBytes: 1, busy: false }));
  await refreshStatus();
  assert.equal(useModelsStore.getState().loaded, null);
  assert.equal(useModelsStore.getState().lost?.model.id, "m-q8");
  await refreshStatus();
  assert.equal(useModelsStore.getState().lost?.model.id, "m-q8", "a second status read keeps it");
  api.handle("inference.load", () => before);
  await reloadLost();
  assert.deepEqual(api.callsOf("inference.load")[0]!.input, { model: "m-q8", contextSize: 8192, threads: undefined });
  assert.equal(useModelsStore.getState().lost, null);
});
