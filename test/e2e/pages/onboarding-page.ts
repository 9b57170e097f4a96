// Page object for the first-run screen shown until a model is loaded or the user skips it: models
// found on this computer (with Load), adding a file or folder.
import type { Locator, Page } from "playwright-core";
import type { AppPage } from "./app-page.ts";
import { acceptLicenceIfAsked } from "./licence-dialog.ts";

export class OnboardingPage {
  readonly page: Page;
  readonly found: Locator;
  readonly heading: Locator;

  constructor(readonly app: AppPage) {
    this.page = app.page;
    this.found = this.page.getByRole("region", { name: "Models already on this computer" });
    this.heading = this.page.getByRole("heading", { name: "Welcome to Enclave" });
  }

  /** Adds a model file or folder by typing its path, as in the browser (no native file dialog). */
  async addByPath(path: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Model file or folder" }).fill(path);
    await this.page.getByRole("button", { name: "Add", exact: true }).click();
  }

  /** Presses Load on a found model; what follows (licence, progress) is the caller's to check. */
  async requestLoad(displayName: string): Promise<void> {
    await this.waitForFound(displayName);
    await this.found.getByRole("listitem").filter({ hasText: displayName }).getByRole("button", { name: "Load" }).click();
  }

  async waitForFound(displayName: string): Promise<void> {
    await this.found.getByRole("listitem").filter({ hasText: displayName }).waitFor();
  }

  /** Loads a model listed under "Models already on this computer" and waits until it is loaded. */
  async loadFound(displayName: string): Promise<void> {
    await this.requestLoad(displayName);
    await acceptLicenceIfAsked(this.page, displayName);
    await this.app.waitForLoadedModel(displayName);
  }
}
