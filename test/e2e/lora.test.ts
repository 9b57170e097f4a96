// The LoRA list in a real browser against the real engine: with a model loaded, add the test
// adapter from the library, change its scale and remove it; each step is applied by the engine
// (inference.status says so) on the same model; test/lora-hot-swap.test.ts shows it is not loaded again. Screenshot: lora-list-light-desktop.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { basename } from "node:path";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { applyView, saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { ModelsPage } from "./pages/models-page.ts";
import { LoraPanel } from "./pages/lora-page.ts";

const suite = e2eSuite();
const { skip } = suite;

test("LoRA adapters: add from the library, rescale, remove — applied on the loaded model", { skip, timeout: 240_000 }, async () => {
  const { engine, models } = suite.app;
  await engine.client.call("inference.load", { model: models.q8_0, threads: 1 });
  const app = await AppPage.open(suite.browser, suite.app.url);
  const lora = basename(models.lora);
  const applied = async () => (await engine.client.call("inference.status", {})).loaded?.lora;
  try {
    await applyView(app.page, "light", "desktop");
    const panel = new LoraPanel(await ModelsPage.open(app));
    await panel.card.getByText(/^None applied/).waitFor();

    await panel.add(lora);
    assert.deepEqual(await applied(), [{ path: models.lora, scale: 1 }]);
    await panel.setScale(lora, 2);
    assert.deepEqual(await applied(), [{ path: models.lora, scale: 2 }]);
    const status = await engine.client.call("inference.status", {});
    assert.equal(status.loaded?.model.quant, "Q8_0", "the same model stays loaded");
    await panel.card.scrollIntoViewIfNeeded();
    await saveScreenshot(app.page, "lora-list", "light", "desktop");
    await assertAccessible(app.page, "Models with a LoRA adapter applied");

    await panel.remove(lora);
    assert.deepEqual(await applied(), []);
    assert.deepEqual(app.console.problems, []);
  } finally {
    await app.close();
    await engine.client.call("inference.unload", {});
  }
});
