// One e2e test file's setup in one call: the skip reason (no Chromium), and before/after hooks that
// start the web app and the browser once for the file and close both. Tests read `suite.app` and
// `suite.browser` inside their bodies, after the hooks have run.
import { before, after } from "node:test";
import type { Browser } from "playwright-core";
import { e2eSkipReason, launchBrowser } from "./browser.ts";
import { startWebApp, type WebApp } from "./web-app.ts";

export interface E2eSuite {
  /** Pass as the `skip` option of every test in the file. */
  readonly skip: string | false;
  readonly browser: Browser;
  readonly app: WebApp;
}

export function e2eSuite(options: Parameters<typeof startWebApp>[0] = {}): E2eSuite {
  const skip = e2eSkipReason();
  let browser: Browser | undefined;
  let app: WebApp | undefined;
  before(async () => {
    if (skip) return;
    app = await startWebApp(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    skip,
    get browser() {
      if (!browser) throw new Error("the browser is not started (skipped, or used outside a test)");
      return browser;
    },
    get app() {
      if (!app) throw new Error("the web app is not started (skipped, or used outside a test)");
      return app;
    },
  };
}
