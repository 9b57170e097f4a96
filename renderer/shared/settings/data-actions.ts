// "Your data": export every conversation (the engine renders it; one implementation for every export
// button) and delete all data after a typed confirmation.
import { api } from "../../services/api.ts";
import { DELETE_ALL_CONFIRMATION } from "../../../native/contract/data.ts";

export { DELETE_ALL_CONFIRMATION };

/** Asks the engine for the export and hands it to the browser as a file download. */
export async function exportConversations(format: "markdown" | "json", ids?: string[]): Promise<number> {
  const result = await api().invoke("conversations.export", { format, ...(ids ? { ids } : {}) });
  const blob = new Blob([result.content], { type: format === "json" ? "application/json" : "text/markdown" });
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = result.fileName;
    link.click();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return result.count;
}

export async function deleteAllData(typed: string) {
  if (typed.trim().toLowerCase() !== DELETE_ALL_CONFIRMATION) throw new Error(`Type “${DELETE_ALL_CONFIRMATION}” to confirm.`);
  return api().invoke("data.deleteAll", { confirm: DELETE_ALL_CONFIRMATION });
}
