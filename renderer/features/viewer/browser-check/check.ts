// Browser check of the PDF viewer (not part of `run-tests`: it needs Chromium and a Vite build):
// builds this page, serves it under the app's strict CSP (pdf.js worker from the bundle, no eval),
// opens a generated three-page PDF at page 3 and checks that the canvas is drawn, the text layer is
// there, the cited passage is marked over it, pages turn and Esc closes. Exits 1 on a failure.
//   node --import tsx renderer/features/viewer/browser-check/check.ts [path to chromium]
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import react from "@vitejs/plugin-react";
import { threePagePdf } from "../../../../test/fixtures/documents/documents.ts";

const CSP = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'";
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".pdf": "application/pdf" };
const PASSAGE = "Another paragraph on page 3 mentions the charlie budget.";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = await mkdtemp(join(tmpdir(), "enclave-viewer-check-"));
const server = createServer((req, res) => {
  const path = join(out, new URL(req.url ?? "/", "http://x").pathname);
  readFile(path).then(
    (body) => res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "content-security-policy": CSP }).end(body),
    () => res.writeHead(404).end(),
  );
});
const browser = await chromium.launch({ executablePath: process.argv[2] ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  await build({ root: here, base: "./", logLevel: "warn", configFile: false, plugins: [react()], build: { outDir: out, emptyOutDir: true, target: "es2022" } });
  await writeFile(join(out, "source.pdf"), threePagePdf());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().includes("404") && errors.push(m.text()));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html?page=3&passage=${encodeURIComponent(PASSAGE)}`);
  await page.waitForSelector(".pdf-page .textLayer mark.source-mark", { timeout: 30_000 });
  const shown = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>(".pdf-page canvas")!;
    const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) inked++;
    const mark = document.querySelector("mark.source-mark")!.getBoundingClientRect();
    const layer = document.querySelector(".textLayer")!.getBoundingClientRect();
    return {
      inked,
      marks: [...document.querySelectorAll("mark.source-mark")].map((m) => m.textContent),
      markInsideLayer: mark.width > 0 && mark.left >= layer.left && mark.right <= layer.right && mark.top >= layer.top,
      pageCountShown: document.querySelector(".source-page-input")!.textContent!.includes("of 3"),
    };
  });
  assert.ok(shown.inked > 1000, `the page is drawn on the canvas (${shown.inked} dark pixels)`);
  assert.deepEqual(shown.marks, [PASSAGE]);
  assert.ok(shown.markInsideLayer, "the mark lies over the page");
  assert.ok(shown.pageCountShown, "the page count comes from pdf.js");

  await page.click("button[aria-label='Previous page']");
  await page.waitForFunction(() => document.querySelector(".textLayer")?.textContent?.includes("BRAVO-222"));
  assert.equal(await page.locator("mark.source-mark").count(), 0, "no highlight on a page without the passage");
  await page.click("button[aria-label='Zoom in']");
  await page.waitForFunction(() => parseFloat(document.querySelector<HTMLCanvasElement>(".pdf-page canvas")!.style.width) > 1000);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("[role=dialog]").count(), 0, "Esc closes the viewer");
  assert.deepEqual(errors, []);
  console.log("viewer browser check: ok");
} finally {
  await browser.close();
  server.close();
  await rm(out, { recursive: true, force: true });
}
