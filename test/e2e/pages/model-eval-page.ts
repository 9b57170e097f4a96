// Page object for "Compare models" in the Documents view's Evaluate panel: choose the question set,
// tick models, run, and read the comparison table and chart.
import type { Locator, Page } from "playwright-core";
import type { DocumentsPage } from "./documents-page.ts";

export class ModelEvalPage {
  readonly page: Page;
  readonly panel: Locator;
  readonly section: Locator;
  readonly table: Locator;
  readonly chart: Locator;

  constructor(readonly docs: DocumentsPage) {
    this.page = docs.page;
    this.panel = this.page.getByRole("region", { name: "Evaluate retrieval" });
    this.section = this.panel.getByRole("region", { name: "Compare models" });
    this.table = this.section.getByRole("table", { name: "Model comparison" });
    this.chart = this.section.getByRole("figure");
  }

  async chooseSet(name: string, text: string): Promise<void> {
    await this.panel.getByLabel("Question set").setInputFiles({ name, mimeType: "application/x-ndjson", buffer: Buffer.from(text) });
  }

  async tick(modelLabel: string): Promise<void> {
    await this.section.getByRole("checkbox", { name: modelLabel }).check();
  }

  /** Runs the comparison and waits for its table. */
  async compare(timeoutMs = 240_000): Promise<void> {
    await this.section.getByRole("button", { name: /^Compare \d+ models?$/ }).click();
    await this.table.waitFor({ timeout: timeoutMs });
  }

  /** The row names, as the table's row headers read. */
  rowNames(): Promise<string[]> {
    return this.table.getByRole("rowheader").allTextContents();
  }

  bars(): Locator {
    return this.chart.locator(".recharts-bar-rectangle");
  }
}
