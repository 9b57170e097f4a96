// The quant lab in a real browser against the real engine: open it from Models, run it on pasted
// text over the three test variants, see the chart (one point per variant, both axes) and the table,
// then "Switch to this" loads Q4_0. Screenshots: quant-lab-chart-{light,dark}-desktop.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { applyView, saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { QuantLabPage } from "./pages/quant-lab-page.ts";
import { acceptLicenceIfAsked } from "./pages/licence-dialog.ts";

const suite = e2eSuite();
const { skip } = suite;

const SAMPLE =
  "The ferry left the harbour at seven. Passengers watched the gulls follow the wake while the captain read the tide tables aloud, " +
  "and a child counted the buoys until the island came into view.";

test("the quant lab measures every variant, charts quality against speed and memory, and switches to one", { skip, timeout: 420_000 }, async () => {
  const app = await AppPage.open(suite.browser, suite.app.url);
  try {
    await applyView(app.page, "light", "desktop");
    const lab = await QuantLabPage.open(app);
    await lab.runOnText(SAMPLE);

    const rows = lab.table.getByRole("row");
    assert.equal(await rows.count(), 4, "a header and one row per variant");
    const names = await lab.table.getByRole("rowheader").allTextContents();
    assert.deepEqual(names.map((n) => n.replace(/reference|cached/g, "").trim()), ["F16", "Q8_0", "Q4_0"]);
    assert.match(names[0]!, /reference/);
    await lab.points().first().waitFor();
    assert.equal(await lab.points().count(), 3, "one chart point per variant");
    assert.match((await lab.chart.textContent()) ?? "", /Decode speed/);
    await lab.chart.scrollIntoViewIfNeeded();
    await saveScreenshot(app.page, "quant-lab-chart", "light", "desktop");
    await lab.showAgainst("memory");
    assert.match((await lab.chart.textContent()) ?? "", /Resident memory/);
    assert.equal(await lab.points().count(), 3);
    await applyView(app.page, "dark", "desktop");
    await lab.chart.scrollIntoViewIfNeeded();
    await saveScreenshot(app.page, "quant-lab-chart", "dark", "desktop");
    await assertAccessible(app.page, "quant lab with results");

    await lab.switchButton("Q4_0").click();
    await acceptLicenceIfAsked(app.page, "tiny-q4_0.gguf");
    await app.modelStatus.filter({ hasText: "Q4_0" }).waitFor({ timeout: 120_000 });
    const status = await suite.app.engine.client.call("inference.status", {});
    assert.ok(status.loaded?.model.path.endsWith("tiny-q4_0.gguf"), status.loaded?.model.path);
    assert.deepEqual(app.console.problems, []);
  } finally {
    await app.close();
    await suite.app.engine.client.call("inference.unload", {});
  }
});
