// Page object for the Models view: the model library with a Load button per quant variant.
import type { Locator, Page } from "playwright-core";
import type { AppPage } from "./app-page.ts";

export class ModelsPage {
  readonly page: Page;
  readonly heading: Locator;

  constructor(readonly app: AppPage) {
    this.page = app.page;
    this.heading = app.main.getByRole("heading", { name: "Models", level: 1 });
  }

  static async open(app: AppPage): Promise<ModelsPage> {
    await app.goTo("Models");
    const models = new ModelsPage(app);
    await models.heading.waitFor();
    return models;
  }

  /** Unloads the loaded model and waits until the status bar says none is. */
  async unload(): Promise<void> {
    await this.app.main.getByRole("button", { name: "Unload", exact: true }).click();
    await this.app.modelStatus.filter({ hasText: "No model loaded" }).waitFor();
  }

  /** The library row's Load button for a variant (by its display name). */
  loadButton(displayName: string): Locator {
    return this.app.main.getByRole("button", { name: `Load ${displayName}`, exact: true });
  }
}
