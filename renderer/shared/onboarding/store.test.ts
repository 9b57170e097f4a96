import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { freshApi } from "../../testing/install.ts";
import { untilAborted, type FakeApi } from "../../testing/fake-api.ts";
import { entry } from "../../testing/fixtures.ts";
import { catalog } from "../catalog/catalog.ts";
import { cancelDownload, downloadCatalogModel, finishOnboarding, useOnboardingStore } from "./store.ts";

let api: FakeApi;
beforeEach(() => {
  api = freshApi();
});
const tick = () => new Promise((r) => setTimeout(r, 0));
const item = catalog[0]!;

test("the catalog lists real hf: downloads with sizes and licences, at least one chat and one embedding model", () => {
  assert.ok(catalog.length >= 3);
  for (const m of catalog) {
    assert.match(m.uri, /^hf:[\w.-]+\/[\w.-]+/, m.id);
    assert.ok(m.sizeBytes > 1_000_000, m.id);
    assert.ok(m.license.name && m.license.summary && /^https:\/\//.test(m.license.url), m.id);
  }
  assert.equal(new Set(catalog.map((m) => m.id)).size, catalog.length);
  assert.ok(catalog.some((m) => m.kind === "chat") && catalog.some((m) => m.kind === "embedding"));
});

test("offline mode refuses a download before asking the engine", async () => {
  await assert.rejects(downloadCatalogModel(item, true), { code: "OFFLINE" });
  assert.equal(api.calls.length, 0);
});

test("a download shows its progress, records the model, and can be cancelled", async () => {
  let release!: () => void;
  api.handle("models.download", async (input, { requestId }) => {
    api.emit("progress", { requestId, task: "download", fraction: 0.25 });
    await new Promise<void>((r) => (release = r));
    return { model: entry({ id: "dl", source: "download" }) };
  });
  const running = downloadCatalogModel(item, false);
  await tick();
  assert.equal(useOnboardingStore.getState().downloads[item.id]?.fraction, 0.25);
  assert.deepEqual(api.callsOf("models.download")[0]!.input, { uri: item.uri });
  await assert.rejects(downloadCatalogModel(item, false), { code: "BUSY" });
  release();
  assert.equal((await running).id, "dl");
  assert.equal(useOnboardingStore.getState().downloaded[item.id]?.id, "dl");
  assert.equal(useOnboardingStore.getState().downloads[item.id], undefined);

  api.handle("models.download", (_i, { signal }) => untilAborted(signal));
  const second = downloadCatalogModel(catalog[1]!, false);
  await tick();
  cancelDownload(catalog[1]!.id);
  await assert.rejects(second, { code: "ABORTED" });
  assert.equal(useOnboardingStore.getState().downloads[catalog[1]!.id], undefined);
});

test("finishing onboarding is remembered", () => {
  assert.equal(useOnboardingStore.getState().done, false);
  finishOnboarding();
  assert.equal(useOnboardingStore.getState().done, true);
});
