// The window's options in one pure function, so the security flags are asserted by a unit test
// rather than trusted to stay put.
import type { BrowserWindowConstructorOptions } from "electron";

export interface WindowOptionsInput {
  preload: string;
  /** Development builds keep DevTools; a packaged app does not open them. */
  dev: boolean;
}

export function buildWindowOptions({ preload, dev }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: "Enclave",
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    // Shown on ready-to-show, so the user never sees a blank white frame.
    show: false,
    backgroundColor: "#1b1d21",
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped outside the renderer's drop zone must not navigate the window to it.
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: dev,
    },
  };
}
