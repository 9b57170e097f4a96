// The app loads in a real browser from the web host: it connects to the engine, shows the main
// navigation, every view opens without a console error, and axe finds nothing serious, in light and
// dark, wide and narrow. Screenshots of each go to test-results/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { e2eSkipReason, launchBrowser } from "./harness/browser.ts";
import { startWebApp, type WebApp } from "./harness/web-app.ts";
import { assertAccessible } from "./harness/axe.ts";
import { saveScreenshot, THEMES, type SizeName } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";

const skip = e2eSkipReason();
const VIEWS = ["Chat", "Models", "Settings"];

let browser: Browser;
let app: WebApp;

before(async () => {
  if (skip) return;
  app = await startWebApp();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.close();
});

test("the app loads over the web host with its main navigation and no console errors", { skip, timeout: 120_000 }, async () => {
  const shell = await AppPage.open(browser, app.url);
  try {
    assert.deepEqual(await shell.navLabels(), VIEWS);
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
      const shell = await AppPage.open(browser, app.url, { theme, size });
      try {
        for (const view of VIEWS) {
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
