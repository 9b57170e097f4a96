// Page object for the Documents view: collections, adding files through the browser's file input
// (uploaded to the web host), and the documents table.
import type { Locator, Page } from "playwright-core";
import type { AppPage } from "./app-page.ts";

export interface BrowserFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class DocumentsPage {
  readonly page: Page;
  readonly collections: Locator;
  readonly documents: Locator;

  constructor(readonly app: AppPage) {
    this.page = app.page;
    this.collections = this.page.getByRole("navigation", { name: "Collections" });
    this.documents = this.page.getByRole("region", { name: "Documents" });
  }

  static async open(app: AppPage): Promise<DocumentsPage> {
    await app.goTo("Documents");
    return new DocumentsPage(app);
  }

  /** Names a new collection (it exists in the index once files are added to it). */
  async createCollection(name: string): Promise<void> {
    await this.collections.getByLabel("New collection").fill(name);
    await this.collections.getByRole("button", { name: "Create" }).click();
    await this.documents.getByRole("heading", { name, exact: true }).waitFor();
  }

  /** Picks files with the "Add files" input, as a user choosing them in the file dialog. */
  async addFiles(files: BrowserFile[]): Promise<void> {
    await this.page.getByLabel("Files to add").setInputFiles(files);
  }

  row(fileName: string): Locator {
    return this.documents.locator("tbody tr").filter({ has: this.page.getByRole("rowheader", { name: fileName }) });
  }

  /**
   * Starts watching for a file's own progress bar in the import panel; resolves to whether it was
   * ever shown. Installed before the files are added: a small file's import can be over between
   * two polls, and a MutationObserver sees every render.
   */
  async watchFileProgress(fileName: string): Promise<() => Promise<boolean>> {
    const label = `${fileName} progress`;
    const key = JSON.stringify(label);
    // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
    await this.page.evaluate(`(() => {
      const seen = (globalThis.__progressSeen ??= {});
      const selector = '[role="progressbar"][aria-label=' + JSON.stringify(${key}) + ']';
      seen[${key}] = false;
      new MutationObserver(() => {
        if (document.querySelector(selector)) seen[${key}] = true;
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    })()`);
    return () => this.page.evaluate((label) => (globalThis as unknown as { __progressSeen: Record<string, boolean> }).__progressSeen[label] === true, label);
  }

  /** Waits for a document to reach a status ("Ready", "Failed", …) in the table. */
  async waitForStatus(fileName: string, status: string, timeout = 60_000): Promise<void> {
    await this.row(fileName).getByRole("cell").first().filter({ hasText: status }).waitFor({ timeout });
  }

  /** Searches the selected collection from its search box; resolves once the outcome is said. */
  async search(query: string): Promise<Locator> {
    const box = this.documents.getByRole("searchbox", { name: /^Search in / });
    await box.fill(query);
    await box.press("Enter");
    await this.documents.getByRole("status").filter({ hasText: new RegExp(`match(es)? “${query}”`) }).waitFor();
    return this.searchResults;
  }

  get searchResults(): Locator {
    return this.documents.getByRole("list", { name: "Search results" });
  }

  /** Remove on a row, confirmed in the dialog; the undo bar is then shown. */
  async removeDocument(fileName: string): Promise<Locator> {
    await this.documents.getByRole("button", { name: `Remove ${fileName} from the index` }).click();
    await this.page.getByRole("dialog", { name: `Remove “${fileName}”?` }).getByRole("button", { name: "Remove" }).click();
    const bar = this.documents.getByRole("status", { name: "Removal" });
    await bar.getByText(`Removed “${fileName}”`).waitFor();
    return bar;
  }
}
