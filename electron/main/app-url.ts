// Which URL is "the app": the built renderer served on app://enclave/ (app-protocol.ts), or (in
// development only) the Vite dev server given by ENCLAVE_RENDERER_URL. Navigation, the IPC sender
// check and the permission policy all ask this one module, so they cannot disagree about what
// counts as our own page.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { APP_INDEX_URL } from "./app-protocol.ts";

export interface AppFiles {
  /** The renderer built by Vite (index.html and assets/). */
  rendererDir: string;
  /** The preload, bundled into one CommonJS file (sandboxed preloads cannot load modules). */
  preload: string;
  /** The engine's entry, compiled to JavaScript for the utilityProcess. */
  engineEntry: string;
}

/** Where `npm run build:*` put each piece, relative to the app's root (`app.getAppPath()`). */
export function appFiles(appRoot: string): AppFiles {
  return {
    rendererDir: join(appRoot, "dist", "renderer"),
    preload: join(appRoot, "dist", "electron", "preload", "index.cjs"),
    engineEntry: join(appRoot, "dist", "native", "engine", "main.js"),
  };
}

/**
 * Why the app cannot start from these files, or null. Checked before anything runs, so `electron .`
 * on an unbuilt checkout says which build step is missing instead of failing somewhere later.
 * (A missing renderer is not fatal: the window shows a page saying how to build it.)
 */
export function missingBuild(files: AppFiles, exists: (path: string) => boolean = existsSync): string | null {
  const missing = [
    ...(exists(files.engineEntry) ? [] : [`${files.engineEntry} (npm run build:engine)`]),
    ...(exists(files.preload) ? [] : [`${files.preload} (npm run build:preload)`]),
  ];
  return missing.length === 0 ? null : `Enclave is not built: missing ${missing.join(" and ")}. \`npm start\` builds everything.`;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The URL the window loads. A dev server URL is accepted only on loopback http, so a stray
 * environment variable cannot point the app (and its privileged preload) at a remote page.
 */
export function resolveAppUrl(devUrl: string | undefined): string {
  if (!devUrl) return APP_INDEX_URL;
  let url: URL;
  try {
    url = new URL(devUrl);
  } catch {
    throw new Error(`ENCLAVE_RENDERER_URL is not a URL: "${devUrl}"`);
  }
  if (url.protocol !== "http:" || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`ENCLAVE_RENDERER_URL must be an http://127.0.0.1 or http://localhost dev server, not "${devUrl}"`);
  }
  return url.href;
}

/**
 * Whether `candidate` is the app's own page: the same scheme and host (and port) as the app URL, any
 * path, #route or ?query. Compared by parts because WHATWG URL gives a custom scheme the origin "null".
 */
export function isAppUrl(candidate: string | undefined, appUrl: string): boolean {
  if (!candidate) return false;
  let target: URL;
  let app: URL;
  try {
    target = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  return target.protocol === app.protocol && target.host === app.host && target.host !== "";
}

export type NavigationDecision = "allow" | "external" | "deny";

/**
 * What to do when the page tries to go somewhere: stay if it is the app, offer http(s) links to the
 * system browser (after the user confirms), refuse everything else (file:, javascript:, data:…).
 */
export function decideNavigation(target: string, appUrl: string): NavigationDecision {
  if (isAppUrl(target, appUrl)) return "allow";
  return isExternalLink(target) ? "external" : "deny";
}

export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
