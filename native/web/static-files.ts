// Serves the built renderer (dist/renderer) read-only: files only (no directory listing), never
// outside the root (`..`, encoded separators and symlinks out are refused), with a content type
// per extension and the security headers on every answer.
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { contentType } from "./mime.ts";
import { SECURITY_HEADERS, sendPlain } from "./security.ts";
import { notBuiltPage } from "./not-built-page.ts";

export type StaticLookup =
  | { kind: "file"; file: string; size: number }
  | { kind: "not-found" }
  | { kind: "refused"; reason: string };

/** Maps a request path (still percent-encoded, query removed) to a file inside `root`. */
async function lookupStatic(root: string, rawPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: "refused", reason: "malformed percent-encoding" };
  }
  if (!decoded.startsWith("/") || decoded.includes("\0") || decoded.includes("\\")) return { kind: "refused", reason: "invalid path" };
  const segments = decoded.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === ".." || s === ".")) return { kind: "refused", reason: "path traversal" };
  // Hidden files are never part of a build; whatever is there (an editor's swap file) stays private.
  if (segments.some((s) => s.startsWith("."))) return { kind: "not-found" };
  const relative = segments.length === 0 ? "index.html" : segments.join("/");
  let realRoot: string;
  let real: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(path.join(realRoot, relative));
  } catch {
    return { kind: "not-found" };
  }
  const inside = path.relative(realRoot, real);
  if (inside.startsWith("..") || path.isAbsolute(inside)) return { kind: "refused", reason: "outside the served folder" };
  const info = await stat(real);
  if (!info.isFile()) return { kind: "not-found" };
  return { kind: "file", file: real, size: info.size };
}

/**
 * What a GET of `rawPath` answers with, for both hosts (this web host and Electron's app:// scheme):
 * "not-built" while the folder has no index.html, the app's index.html for a path with no extension
 * (a client-side route of the single-page app), else the lookup.
 */
export async function resolveAppFile(root: string, rawPath: string): Promise<StaticLookup | { kind: "not-built" }> {
  const index = await lookupStatic(root, "/");
  if (index.kind !== "file") return { kind: "not-built" };
  const found = await lookupStatic(root, rawPath);
  return found.kind === "not-found" && path.extname(rawPath) === "" ? index : found;
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, rawPath: string): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    sendPlain(res, 405, "Method not allowed");
    return;
  }
  const found = await resolveAppFile(root, rawPath);
  if (found.kind === "not-built") {
    sendPlain(res, 503, notBuiltPage(root), "text/html; charset=utf-8");
    return;
  }
  if (found.kind === "refused") {
    sendPlain(res, 400, `Bad request: ${found.reason}`);
    return;
  }
  if (found.kind === "not-found" && rawPath === "/favicon.ico") {
    // Browsers ask for it on their own and log a 404 as a console error; a build without one says
    // "nothing here" instead.
    res.writeHead(204, { ...SECURITY_HEADERS, "Cache-Control": "no-cache" });
    res.end();
    return;
  }
  if (found.kind === "not-found") {
    sendPlain(res, 404, "Not found");
    return;
  }
  // Vite names what it emits under assets/ by content hash, so those can be cached for good.
  const immutable = rawPath.startsWith("/assets/");
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "Content-Type": contentType(found.file),
    "Content-Length": found.size,
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}
