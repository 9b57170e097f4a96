// Rules for every webContents the app creates: the window stays on the app's own page, never opens
// new windows or <webview>s, and hands http(s) links to the system browser only after the user
// confirms. Anything else (file:, data:, javascript:, custom schemes) is refused and logged.
import type { HandlerDetails, WindowOpenHandlerResponse } from "electron";
import { decideNavigation } from "./app-url.ts";

interface NavigationEvent {
  url: string;
  isMainFrame: boolean;
  preventDefault(): void;
}

/** The webContents surface these rules use (a fake in tests). */
export interface PolicedContents {
  on(event: "will-frame-navigate", listener: (event: NavigationEvent) => void): unknown;
  on(event: "will-attach-webview", listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
}

export interface ContentsPolicyOptions {
  appUrl: string;
  /** Confirms with the user, then opens in the browser (shell-handlers.ts). */
  openExternal: (url: string) => void;
  log: (line: string) => void;
}

export function applyContentsPolicy(contents: PolicedContents, options: ContentsPolicyOptions): void {
  const { appUrl, openExternal, log } = options;
  // will-frame-navigate covers the main frame (what will-navigate reports) and any subframe.
  contents.on("will-frame-navigate", (event) => {
    const decision = decideNavigation(event.url, appUrl);
    if (decision === "allow") return;
    event.preventDefault();
    if (decision === "external" && event.isMainFrame) openExternal(event.url);
    else log(`navigation refused: ${event.url}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, appUrl) === "external") openExternal(url);
    else log(`window.open refused: ${url}`);
    return { action: "deny" };
  });
  contents.on("will-attach-webview", (event) => {
    event.preventDefault();
    log("a <webview> was refused");
  });
}
