// Page object for the app shell every view sits in: the main navigation, the main region, the
// engine status line. Views get their own page objects beside this one (pages/<view>-page.ts),
// built from `app.page` and reached through `app.goTo(label)`; tests speak in these terms, never
// in selectors.
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { watchConsole, type ConsoleProblems } from "../harness/console.ts";
import { applyView, type SizeName, type Theme } from "../harness/screenshots.ts";

export interface OpenOptions {
  theme?: Theme;
  size?: SizeName;
}

export class AppPage {
  readonly navigation: Locator;
  readonly main: Locator;
  readonly engineStatus: Locator;
  /** The status bar's model button: "No model loaded", "Loading model… n%", or the loaded model. */
  readonly modelStatus: Locator;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly console: ConsoleProblems,
  ) {
    this.navigation = page.getByRole("navigation", { name: "Main" });
    this.main = page.getByRole("main");
    this.engineStatus = page.locator(".statusbar").getByRole("status");
    this.modelStatus = page.locator(".statusbar .status-model");
  }

  /** A fresh browser context (own storage, so first-run state is real) on the tokened URL. */
  static async open(browser: Browser, url: string, options: OpenOptions = {}): Promise<AppPage> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const app = new AppPage(context, page, watchConsole(page));
    await applyView(page, options.theme ?? "light", options.size ?? "desktop");
    await page.goto(url);
    await app.waitUntilConnected();
    return app;
  }

  /** The app has loaded and reached the engine over the WebSocket. */
  async waitUntilConnected(): Promise<void> {
    await this.navigation.waitFor();
    await this.engineStatus.filter({ hasText: "Engine ready" }).waitFor();
  }

  async waitForLoadedModel(displayName: string, timeout = 60_000): Promise<void> {
    await this.modelStatus.filter({ hasText: displayName }).filter({ hasNotText: "Loading" }).waitFor({ timeout });
  }

  navItem(label: string): Locator {
    return this.navigation.getByRole("button", { name: label, exact: true });
  }

  /** The labels of the main navigation, in order. */
  async navLabels(): Promise<string[]> {
    return (await this.navigation.getByRole("button").allInnerTexts()).map((t) => t.trim());
  }

  /** Opens a view from the navigation and waits until it is the current one. */
  async goTo(label: string): Promise<void> {
    await this.navItem(label).click();
    await this.navigation.locator('[aria-current="page"]', { hasText: label }).waitFor();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
