// The built renderer is served from app://enclave/ rather than file://. A file:// page may read other
// files on the disk and has an opaque origin; a privileged standard scheme gives the page its own
// origin (so 'self', module workers and fetch mean "the app"), and every answer carries our CSP as a
// real header. Path handling (no traversal, no symlinks out, no hidden files, the single-page app's
// fallback to index.html) is the web host's, shared: native/web/static-files.ts.
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { CustomScheme } from "electron";
import { contentType } from "../../native/web/mime.ts";
import { notBuiltPage } from "../../native/web/not-built-page.ts";
import { resolveAppFile } from "../../native/web/static-files.ts";

export const APP_SCHEME = "app";
export const APP_HOST = "enclave";
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before the app is ready: standard (relative URLs, storage), secure (like https). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export interface AppRequest {
  url: string;
  method: string;
}

/** Answers one app:// request from the built renderer folder. */
export async function answerAppRequest(request: AppRequest, rendererDir: string, csp: string): Promise<Response> {
  const headers = { "Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff" };
  const plain = (status: number, text: string) => new Response(text, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, "Bad request");
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, "Not found");
  if (request.method !== "GET" && request.method !== "HEAD") return plain(405, "Method not allowed");
  const found = await resolveAppFile(rendererDir, url.pathname);
  if (found.kind === "not-built") {
    return new Response(notBuiltPage(rendererDir), { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
  }
  if (found.kind === "refused") return plain(400, `Bad request: ${found.reason}`);
  if (found.kind === "not-found") return plain(404, "Not found");
  const body = request.method === "HEAD" ? null : (Readable.toWeb(createReadStream(found.file)) as ReadableStream<Uint8Array>);
  return new Response(body, {
    status: 200,
    headers: { ...headers, "Content-Type": contentType(found.file), "Content-Length": String(found.size) },
  });
}
