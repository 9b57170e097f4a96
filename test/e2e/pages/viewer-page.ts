// Page object for the source viewer: the dialog a citation chip opens, its page number, the PDF
// page drawn by pdf.js, and the highlighted passage.
import type { Locator, Page } from "playwright-core";

export class ViewerPage {
  readonly dialog: Locator;
  readonly pageNumber: Locator;
  readonly canvas: Locator;
  readonly highlight: Locator;

  constructor(readonly page: Page) {
    // The viewer's title is "[n] file · p. X"; it is the only dialog with a "Page and zoom" toolbar.
    this.dialog = page.getByRole("dialog").filter({ has: page.getByRole("toolbar", { name: "Page and zoom" }) });
    this.pageNumber = this.dialog.getByRole("spinbutton");
    this.canvas = this.dialog.locator(".pdf-page canvas");
    this.highlight = this.dialog.locator("mark.source-mark");
  }

  /** Waits until the PDF page is drawn (pdf.js done, the passage looked for). */
  async waitForPdfPage(page: number, timeout = 30_000): Promise<void> {
    await this.dialog.getByRole("img", { name: `Page ${page}` }).waitFor({ timeout });
    await this.dialog.locator('.pdf-page[aria-busy="false"], .pdf-page:not([aria-busy])').waitFor({ timeout });
  }

  /** Whether pdf.js painted something on the canvas (not an all-blank bitmap). */
  async canvasHasInk(): Promise<boolean> {
    return this.canvas.evaluate((el) => {
      const canvas = el as unknown as { width: number; height: number; getContext(t: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
      const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!data) return false;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) return true;
      return false;
    });
  }

  async closeWithEscape(): Promise<void> {
    await this.page.keyboard.press("Escape");
    await this.dialog.waitFor({ state: "detached" });
  }
}
