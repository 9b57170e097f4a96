// The licence dialog that loading a model asks the first time: accept it (when shown) so the load
// goes ahead. Shared by every page that can load a model (onboarding, models view, switcher).
import type { Page } from "playwright-core";

export async function acceptLicenceIfAsked(page: Page, modelName: string, waitMs = 3000): Promise<boolean> {
  const dialog = page.getByRole("dialog", { name: `Licence of ${modelName}` });
  try {
    await dialog.waitFor({ timeout: waitMs });
  } catch {
    return false;
  }
  await dialog.getByRole("checkbox").check();
  await dialog.getByRole("button", { name: "Load model" }).click();
  await dialog.waitFor({ state: "detached" });
  return true;
}
