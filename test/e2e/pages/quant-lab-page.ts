// Page object for the quant lab dialog, opened from the Models view's "Quant lab" card.
import type { Locator, Page } from "playwright-core";
import type { AppPage } from "./app-page.ts";
import { ModelsPage } from "./models-page.ts";

export class QuantLabPage {
  readonly page: Page;
  readonly dialog: Locator;
  readonly chart: Locator;
  readonly table: Locator;

  constructor(readonly app: AppPage) {
    this.page = app.page;
    this.dialog = app.page.getByRole("dialog", { name: /^Quant lab: / });
    this.chart = this.dialog.getByRole("figure");
    this.table = this.dialog.getByRole("table");
  }

  static async open(app: AppPage): Promise<QuantLabPage> {
    await ModelsPage.open(app);
    await app.main.getByRole("button", { name: "Open quant lab" }).click();
    const lab = new QuantLabPage(app);
    await lab.dialog.waitFor();
    return lab;
  }

  /** Pastes a sample, runs, and waits for the results table (one row per variant). */
  async runOnText(text: string, timeoutMs = 240_000): Promise<void> {
    await this.dialog.getByRole("textbox", { name: "Sample text" }).fill(text);
    await this.dialog.getByRole("button", { name: "Run", exact: true }).click();
    await this.table.waitFor({ timeout: timeoutMs });
  }

  /** Chart points as recharts draws them (one symbol per measured variant). */
  points(): Locator {
    return this.chart.locator(".recharts-scatter-symbol");
  }

  async showAgainst(axis: "speed" | "memory"): Promise<void> {
    await this.dialog.getByRole("button", { name: axis === "speed" ? "Quality vs speed" : "Quality vs memory" }).click();
  }

  switchButton(quant: string): Locator {
    return this.dialog.getByRole("button", { name: `Switch to this (${quant})`, exact: true });
  }
}
