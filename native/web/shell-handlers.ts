// The host-side methods as a browser tab gets them: no native dialogs (a web page cannot learn real
// paths), uploads instead, and no opening of links in "the system browser" (the tab is the browser).
import { EngineError } from "../contract/errors.ts";
import type { ShellHandlers } from "../bridge/session.ts";

export const webShellHandlers: ShellHandlers = {
  async "shell.capabilities"() {
    return { host: "web", fileDialogs: false, uploads: true, openExternal: false };
  },
  async "shell.pickPaths"() {
    throw new EngineError("INVALID_INPUT", "File dialogs are not available in the browser: drop files or type a path.");
  },
  async "shell.openExternal"() {
    return { opened: false };
  },
};
