// A jsdom window as the global environment for component tests (node:test has no DOM). Import it
// before React or Testing Library. Only the globals those libraries read are copied.
import { JSDOM } from "jsdom";
import * as React from "react";

if (typeof globalThis.document === "undefined") {
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://localhost/", pretendToBeVisual: true });
  const win = dom.window as unknown as Window & typeof globalThis;
  const keys = ["window", "document", "navigator", "HTMLElement", "HTMLInputElement", "Element", "Node", "Text", "Event", "KeyboardEvent", "MouseEvent", "DragEvent", "File", "FileList", "DataTransfer", "getComputedStyle", "requestAnimationFrame", "cancelAnimationFrame", "MutationObserver"] as const;
  for (const key of keys) {
    if (key in win && !(key in globalThis && key !== "window" && key !== "document" && key !== "navigator")) {
      Object.defineProperty(globalThis, key, { value: key === "window" ? win : win[key as keyof typeof win], configurable: true, writable: true });
    }
  }
  // React reads this to know it runs inside act() in tests.
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // tsx compiles .tsx outside the root tsconfig's `include` with the classic JSX transform
  // (React.createElement); Vite uses the automatic one. A global React makes both work.
  (globalThis as { React?: typeof React }).React = React;
}
