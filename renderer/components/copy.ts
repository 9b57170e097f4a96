// Copies text to the clipboard and says so; the clipboard can be refused (permissions, no focus).
import { toast } from "../shared/app-store.ts";

export async function copyText(text: string, what = "Copied"): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast(`${what} to the clipboard.`);
  } catch {
    toast("The clipboard refused the copy. Select the text and copy it by hand.", "error");
  }
}
