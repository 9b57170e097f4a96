// Browser check of the PDF viewer (run by test/e2e/browser-checks.test.ts; it needs Chromium and a Vite build):
// builds this page, serves it under the web host's strict CSP (pdf.js worker and data files from the
// bundle, no eval), opens a generated three-page PDF at page 3 and checks that the canvas is drawn
// in the standard font pdf.js ships (Helvetica is not embedded), the text layer is there, the cited
// passage is marked over it, pages turn and Esc closes; then that a CJK line in an unembedded CID
// font is decoded through the shipped CMaps. Exits 1 on a failure.
//   node --import tsx renderer/features/viewer/browser-check/check.ts [path to chromium]
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { threePagePdf } from "../../../../test/fixtures/documents/documents.ts";
import { serveCheckPage } from "../../../testing/browser-page.ts";
import { CJK_TEXT, dataFilesPdf } from "./data-files-pdf.ts";

const PASSAGE = "Another paragraph on page 3 mentions the charlie budget.";

const check = await serveCheckPage(fileURLToPath(new URL(".", import.meta.url)), { "source.pdf": threePagePdf(), "data-files.pdf": dataFilesPdf() });
const { browser, origin, requested } = check;
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().includes("404") && errors.push(m.text()));
  // pdf.js reports a data file it could not fetch or compile as a console warning and draws on without it.
  const warnings: string[] = [];
  page.on("console", (m) => /warning/i.test(m.text()) && warnings.push(m.text()));
  await page.goto(`${origin}/index.html?page=3&passage=${encodeURIComponent(PASSAGE)}`);
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
  assert.ok(requested.some((p) => p.startsWith("/pdfjs/standard_fonts/")), `Helvetica is drawn from the shipped standard font, not a system substitute (requests: ${requested.join(" ")})`);

  await page.click("button[aria-label='Previous page']");
  await page.waitForFunction(() => document.querySelector(".textLayer")?.textContent?.includes("BRAVO-222"));
  assert.equal(await page.locator("mark.source-mark").count(), 0, "no highlight on a page without the passage");
  await page.click("button[aria-label='Zoom in']");
  await page.waitForFunction(() => parseFloat(document.querySelector<HTMLCanvasElement>(".pdf-page canvas")!.style.width) > 1000);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("[role=dialog]").count(), 0, "Esc closes the viewer");

  await page.goto(`${origin}/index.html?file=data-files.pdf&page=1`);
  await page.waitForFunction((text) => document.querySelector(".textLayer")?.textContent?.includes(text), CJK_TEXT, { timeout: 30_000 });
  assert.ok(requested.includes("/pdfjs/cmaps/UniJIS-UCS2-H.bcmap"), "the predefined CMap comes from the shipped cmaps");
  await page.waitForSelector(".pdf-page[aria-busy=false]");
  assert.ok(requested.includes("/pdfjs/wasm/qcms_bg.wasm"), "the CMYK fill asks for the shipped ICC module");
  // The worker's warnings reach Playwright on their own channel, after the page has drawn: let them land.
  await page.waitForTimeout(1000);
  // The hosts' CSP grants 'wasm-unsafe-eval', so pdf.js compiles its wasm and reads the ICC profile.
  assert.deepEqual(warnings.filter((w) => /WebAssembly/.test(w)), [], "pdf.js's wasm is allowed by the CSP");
  assert.ok(requested.some((p) => p.startsWith("/pdfjs/iccs/")), "with its module compiled, pdf.js reads the shipped CMYK profile");
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, [], "no data file is missing");
  console.log("viewer browser check: ok");
} finally {
  await check.close();
}
