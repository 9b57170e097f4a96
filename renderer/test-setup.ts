// Component tests run under node:test; this gives them a browser-like global scope from jsdom.
// Import it first in a test file, before React or Testing Library.
import { JSDOM } from "jsdom";
import * as React from "react";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://localhost/", pretendToBeVisual: true });
const g = globalThis as Record<string, unknown>;
const win = dom.window as unknown as Record<string, unknown>;

for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (key in g || key.startsWith("_") || key === "window" || key === "document") continue;
  Object.defineProperty(globalThis, key, { configurable: true, get: () => win[key] });
}
g.window = dom.window;
g.document = dom.window.document;
Object.defineProperty(globalThis, "navigator", { configurable: true, value: dom.window.navigator });
// jsdom lacks layout observers; the virtualised list asks for one.
g.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
// Tells React that updates in tests are wrapped in act().
g.IS_REACT_ACT_ENVIRONMENT = true;
// tsx compiles renderer .tsx (outside the root tsconfig's `include`) with the classic JSX transform,
// which calls React.createElement; Vite uses the automatic runtime. A global React serves both.
g.React = React;
