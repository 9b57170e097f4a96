// The harness of the renderer's browser checks (not part of `run-tests`: they need Chromium and a
// Vite build): builds a check page, serves it on 127.0.0.1 under the web host's CSP with the same
// content types, and opens Chromium. Every path the page asks for is recorded, so a check can tell
// that a file came from this origin.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { build } from "vite";
import react from "@vitejs/plugin-react";
import { CONTENT_SECURITY_POLICY } from "../../native/web/security.ts";
import { contentType } from "../../native/web/mime.ts";
import { pdfjsAssets } from "../features/viewer/build/pdfjs-assets-plugin.ts";

export interface CheckPage {
  browser: Browser;
  origin: string;
  requested: string[];
  close(): Promise<void>;
}

/** Answers a request itself (returns true) or leaves it to the static files. */
export type CheckRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/** Builds `root` (its index.html), adds `files` beside it and serves the result. */
export async function serveCheckPage(root: string, files: Record<string, Buffer> = {}, route: CheckRoute = () => false): Promise<CheckPage> {
  const out = await mkdtemp(join(tmpdir(), "enclave-browser-check-"));
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const { pathname } = url;
    requested.push(pathname);
    if (route(req, res, url)) return;
    const path = join(out, pathname);
    readFile(path).then(
      (body) => res.writeHead(200, { "content-type": contentType(path), "content-security-policy": CONTENT_SECURITY_POLICY }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  const browser = await chromium.launch({ executablePath: process.argv[2] ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  const close = async () => {
    await browser.close();
    server.close();
    await rm(out, { recursive: true, force: true });
  };
  try {
    await build({ root, base: "./", logLevel: "warn", configFile: false, plugins: [react(), pdfjsAssets()], build: { outDir: out, emptyOutDir: true, target: "es2022" } });
    for (const [name, data] of Object.entries(files)) await writeFile(join(out, name), data);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  } catch (err) {
    await close();
    throw err;
  }
  return { browser, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requested, close };
}
