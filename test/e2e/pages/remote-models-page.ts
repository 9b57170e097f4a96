// Page object for Settings → Remote models: the list of remote models, the add/edit form, the
// connection test's answer and the remove confirmation, in the words a user sees.
import type { Locator } from "playwright-core";
import type { AppPage } from "./app-page.ts";

export interface RemoteModelFields {
  name?: string;
  baseUrl?: string;
  model?: string;
  contextSize?: string;
  apiKey?: string;
}

export class RemoteModelsPage {
  readonly section: Locator;
  readonly form: Locator;

  private constructor(readonly app: AppPage) {
    this.section = app.main.getByRole("region", { name: "Remote models" });
    this.form = this.section.locator("form");
  }

  static async open(app: AppPage): Promise<RemoteModelsPage> {
    await app.goTo("Settings");
    const page = new RemoteModelsPage(app);
    await page.section.waitFor();
    return page;
  }

  item(name: string): Locator {
    return this.section.getByRole("listitem").filter({ has: this.app.page.getByText(name, { exact: true }) });
  }

  async fill(fields: RemoteModelFields): Promise<void> {
    const inputs: [keyof RemoteModelFields, string][] = [
      ["name", "Name"],
      ["baseUrl", "Base URL"],
      ["model", "Model id"],
      ["contextSize", "Context size"],
      ["apiKey", "API key"],
    ];
    for (const [key, label] of inputs) {
      const value = fields[key];
      if (value !== undefined) await this.form.getByLabel(label, { exact: true }).fill(value);
    }
  }

  async add(fields: RemoteModelFields): Promise<void> {
    await this.section.getByRole("button", { name: "Add a remote model…" }).click();
    await this.fill(fields);
    await this.form.getByRole("button", { name: "Add remote model" }).click();
  }

  async edit(name: string, fields: RemoteModelFields): Promise<void> {
    await this.section.getByRole("button", { name: `Edit ${name}` }).click();
    await this.fill(fields);
    await this.form.getByRole("button", { name: "Save changes" }).click();
  }

  /** Clicks Test connection and returns the answer's text once it is shown. */
  async testConnection(name: string): Promise<{ ok: boolean; text: string }> {
    const item = this.item(name);
    await item.getByRole("button", { name: `Test connection to ${name}` }).click();
    const answer = item.locator('[role="status"], [role="alert"]');
    await answer.waitFor();
    return { ok: (await answer.getAttribute("role")) === "status", text: (await answer.innerText()).trim() };
  }

  async remove(name: string): Promise<void> {
    await this.section.getByRole("button", { name: `Remove ${name}` }).click();
    await this.app.page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await this.item(name).waitFor({ state: "detached" });
  }
}
