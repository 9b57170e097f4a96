// Comparing models in a real browser against the real engine: a collection of one uploaded file, a
// question set chosen in the page, two quants of the test model ticked; the comparison table has a
// row per quant, the chart a pair of bars per quant, the CSV export downloads, and the model loaded
// before the run is loaded again after it. Screenshot: model-eval-{light,dark}-desktop.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { applyView, saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { DocumentsPage } from "./pages/documents-page.ts";
import { ModelEvalPage } from "./pages/model-eval-page.ts";

const suite = e2eSuite();
const { skip } = suite;

const SET = [
  JSON.stringify({ question: "Which unit ends in 2031?", file: "lease notes.md", page: null, answer: "QX-9182" }),
  JSON.stringify({ question: "Who rents QX-9182?", file: "lease notes.md", page: null }),
].join("\n");

test("Compare models: a row and bars per quant, CSV export, and the earlier model loaded again", { skip, timeout: 420_000 }, async () => {
  const { engine, models } = suite.app;
  await engine.client.call("inference.load", { model: models.f16, threads: 1 });
  const app = await AppPage.open(suite.browser, suite.app.url);
  try {
    await applyView(app.page, "light", "desktop");
    const docs = await DocumentsPage.open(app);
    await docs.createCollection("Leases");
    await docs.addFiles([{ name: "lease notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Lease\n\nUnit QX-9182 ends on 1 May 2031. The tenant is Acme.\n") }]);
    await docs.waitForStatus("lease notes.md", "Ready");

    const evals = new ModelEvalPage(docs);
    await evals.chooseSet("set.jsonl", SET);
    await evals.tick(`${models.name} Q8_0`);
    await evals.tick(`${models.name} Q4_0`);
    await evals.compare();

    const names = await evals.rowNames();
    assert.deepEqual(names, [`${models.name} Q8_0`, `${models.name} Q4_0`]);
    const firstRow = await evals.table.getByRole("row").nth(1).getByRole("cell").allTextContents();
    assert.match(firstRow[0]!, /^\d+%$/, "answer found: one of the two questions gives an answer, so a percentage");
    assert.equal(firstRow[1], "–", "random weights cite nothing: no verification rate");
    await evals.bars().first().waitFor();
    assert.equal(await evals.bars().count(), 4, "tokens/s and energy bars for each of the two quants");
    await evals.section.scrollIntoViewIfNeeded();
    await saveScreenshot(app.page, "model-eval", "light", "desktop");
    await applyView(app.page, "dark", "desktop");
    await saveScreenshot(app.page, "model-eval", "dark", "desktop");
    await assertAccessible(app.page, "model comparison with results");

    const [download] = await Promise.all([app.page.waitForEvent("download"), evals.section.getByRole("button", { name: "Export CSV" }).click()]);
    assert.equal(download.suggestedFilename(), "model-comparison.csv");

    const status = await engine.client.call("inference.status", {});
    assert.equal(status.loaded?.model.path, models.f16, "the model loaded before the comparison is loaded again");
    assert.deepEqual(app.console.problems, []);
  } finally {
    await app.close();
    await engine.client.call("inference.unload", {});
  }
});
