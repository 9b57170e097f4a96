// Page object for the "LoRA adapters" card in the Models view (shown while a model is loaded).
import type { Locator } from "playwright-core";
import type { ModelsPage } from "./models-page.ts";

export class LoraPanel {
  readonly card: Locator;
  readonly applied: Locator;

  constructor(readonly models: ModelsPage) {
    this.card = models.app.main.getByRole("region", { name: "LoRA adapters" });
    this.applied = this.card.getByRole("list", { name: "Applied adapters" });
  }

  /** Adds the adapter chosen in the list (by its file name) and waits for it to be applied. */
  async add(fileName: string): Promise<void> {
    await this.card.getByLabel("Adapter").selectOption({ label: fileName });
    await this.card.getByRole("button", { name: "Add adapter" }).click();
    await this.applied.getByText(fileName, { exact: true }).waitFor();
  }

  async setScale(fileName: string, scale: number): Promise<void> {
    const input = this.card.getByRole("spinbutton", { name: `Scale of ${fileName}` });
    await input.fill(String(scale));
    await input.press("Enter");
    await this.card.getByRole("status").waitFor({ state: "detached" });
  }

  async remove(fileName: string): Promise<void> {
    await this.card.getByRole("button", { name: `Remove ${fileName}` }).click();
    await this.card.getByText(/^None applied/).waitFor();
  }
}
