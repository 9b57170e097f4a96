// The app loads in a real browser from the web host: it connects to the engine, shows the main
// navigation, every view opens without a console error, and axe finds nothing serious, in light and
// dark, wide and narrow. Screenshots of each go to test-results/screenshots/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { saveScreenshot, THEMES, type SizeName } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";

const suite = e2eSuite();
const { skip } = suite;
/** Views that must be in the main navigation; others may join them and are visited too. */
const REQUIRED_VIEWS = ["Chat", "Models", "Settings"];

test("the app loads over the web host with its main navigation and no console errors", { skip, timeout: 120_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    const labels = await shell.navLabels();
    for (const view of REQUIRED_VIEWS) assert.ok(labels.includes(view), `"${view}" in the navigation (${labels.join(", ")})`);
    assert.equal(await shell.main.count(), 1, "one main region");
    // The token left the address bar once read (it stays in this tab's sessionStorage).
    assert.doesNotMatch(shell.page.url(), /token=/);
    await shell.page.reload();
    await shell.waitUntilConnected();
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});

for (const theme of THEMES) {
  for (const size of ["desktop", "narrow"] as SizeName[]) {
    test(`every view is accessible and error-free (${theme}, ${size})`, { skip, timeout: 180_000 }, async () => {
      const shell = await AppPage.open(suite.browser, suite.app.url, { theme, size });
      try {
        for (const view of await shell.navLabels()) {
          await shell.goTo(view);
          await assertAccessible(shell.page, `${view} view, ${theme}, ${size}`);
          await saveScreenshot(shell.page, view.toLowerCase(), theme, size);
        }
        assert.deepEqual(shell.console.problems, []);
      } finally {
        await shell.close();
      }
    });
  }
}
