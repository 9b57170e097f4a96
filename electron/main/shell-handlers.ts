// The host-side methods (native/contract/shell.ts) as Electron answers them: native open dialogs with
// filters per purpose, and external links opened in the system browser only after the user confirms.
import type { MessageBoxOptions, OpenDialogOptions } from "electron";
import type { ShellHandlers } from "../../native/bridge/session.ts";
import { EngineError } from "../../native/contract/errors.ts";
import { isExternalLink } from "./app-url.ts";

export type PickPurpose = "model" | "documents" | "folder";

/** The formats the engine ingests (native/rag/convert) and loads (GGUF). */
const DOCUMENT_EXTENSIONS = ["pdf", "docx", "html", "htm", "xhtml", "md", "markdown", "txt", "text", "log", "csv", "tsv"];

export function openDialogOptions(purpose: PickPurpose, multiple: boolean): OpenDialogOptions {
  const many: OpenDialogOptions["properties"] = multiple ? ["multiSelections"] : [];
  switch (purpose) {
    case "model":
      return {
        title: "Add model files",
        buttonLabel: "Add",
        filters: [{ name: "GGUF models", extensions: ["gguf"] }],
        properties: ["openFile", ...many, "dontAddToRecent"],
      };
    case "documents":
      return {
        title: "Add documents",
        buttonLabel: "Add",
        filters: [
          { name: "Documents", extensions: DOCUMENT_EXTENSIONS },
          { name: "All files", extensions: ["*"] },
        ],
        properties: ["openFile", ...many, "dontAddToRecent"],
      };
    case "folder":
      return {
        title: "Choose a folder",
        buttonLabel: "Choose",
        properties: ["openDirectory", ...many, "dontAddToRecent"],
      };
  }
}

export function externalLinkPrompt(url: string): MessageBoxOptions {
  return {
    type: "question",
    buttons: ["Open in browser", "Cancel"],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: "Open link",
    message: "Open this link in your web browser?",
    detail: `${url}\n\nThis leaves Enclave: the site will see that you visited it.`,
  };
}

export interface ShellDeps {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  /** Shows externalLinkPrompt(url); resolves with the index of the button pressed. */
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  openExternal(url: string): Promise<void>;
}

/** Asks, then opens. Shared by the shell method and by links the page tries to open itself. */
export async function confirmAndOpenExternal(deps: Pick<ShellDeps, "showMessageBox" | "openExternal">, url: string): Promise<boolean> {
  // Checked here as well as in the contract: links clicked in the page reach this without the bridge.
  if (!isExternalLink(url)) throw new EngineError("INVALID_INPUT", `Only http(s) links can be opened, not "${url}".`);
  const { response } = await deps.showMessageBox(externalLinkPrompt(url));
  if (response !== 0) return false;
  await deps.openExternal(url);
  return true;
}

export function createShellHandlers(deps: ShellDeps): ShellHandlers {
  return {
    "shell.capabilities": async () => ({ host: "electron", fileDialogs: true, uploads: false, openExternal: true }),
    "shell.pickPaths": async ({ purpose, multiple }, signal) => {
      const result = await deps.showOpenDialog(openDialogOptions(purpose, multiple));
      // A dialog cannot be closed from here; a call cancelled while it was open ends as cancelled.
      if (signal.aborted) throw new EngineError("ABORTED", "Cancelled.");
      return { paths: result.canceled ? [] : result.filePaths };
    },
    "shell.openExternal": async ({ url }) => ({ opened: await confirmAndOpenExternal(deps, url) }),
  };
}
