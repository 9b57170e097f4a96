// Browser check of the documents table's layout (run by test/e2e/browser-checks.test.ts; it needs Chromium and a
// Vite build): at 1280×800, in the app's layout, no cell of the table wraps: the format badges are
// whole on their name's line, status, counts and actions are one line each, and a name too long for
// its column is cut with an ellipsis rather than pushed onto a second line. Exits 1 on a failure.
//   node --import tsx renderer/features/documents/browser-check/check.ts [path to chromium]
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { serveCheckPage } from "../../../app/testing/browser-page.ts";

const check = await serveCheckPage(fileURLToPath(new URL(".", import.meta.url)));
try {
  const page = await check.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().includes("404") && errors.push(m.text()));
  await page.goto(`${check.origin}/index.html`);
  await page.getByRole("button", { name: /Quarterly reports/ }).click();
  await page.waitForSelector("tr.doc-row >> nth=6");
  // Counted in the page: how many distinct line tops each piece of text has. (No named functions in
  // here: tsx would wrap them in a helper the page does not have.)
  const layout = await page.evaluate(() => {
    const table = document.querySelector(".doc-table")!;
    const main = document.querySelector(".documents-main")!;
    // Every run of text but an error message (which may take lines under its status) is one line.
    const wrapped: { text: string | null; lines: number }[] = [];
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement!.closest(".doc-error")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      if (lines > 1) wrapped.push({ text: node.textContent, lines });
    }
    // The two actions of a row side by side, not stacked.
    const stackedActions = [...table.querySelectorAll(".doc-actions")].filter((cell) => new Set([...cell.querySelectorAll("button")].map((b) => Math.round(b.getBoundingClientRect().top))).size > 1).length;
    const badges = [...table.querySelectorAll(".doc-format")].map((b) => {
      const name = b.parentElement!.querySelector(".doc-name-text")!.getBoundingClientRect();
      const box = b.getBoundingClientRect();
      return { text: b.textContent, sameLine: Math.abs(box.top + box.height / 2 - (name.top + name.height / 2)) < 4, inside: box.right <= table.getBoundingClientRect().right };
    });
    const longName = [...table.querySelectorAll<HTMLElement>(".doc-name-text")].find((n) => n.textContent!.startsWith("A very long"))!;
    return {
      wrapped,
      stackedActions,
      badges,
      longNameCut: longName.scrollWidth > longName.clientWidth,
      tableFits: table.getBoundingClientRect().right <= main.getBoundingClientRect().right,
    };
  });
  assert.deepEqual(layout.wrapped, [], "no header, name, badge, status, count or action takes two lines");
  assert.equal(layout.stackedActions, 0, "Re-index and Remove sit side by side");
  assert.equal(layout.badges.length, 7);
  for (const badge of layout.badges) assert.ok(badge.sameLine && badge.inside, `the ${badge.text} badge sits whole on its name's line`);
  assert.ok(layout.longNameCut, "a name longer than its column is cut (with an ellipsis), not wrapped");
  assert.ok(layout.tableFits, "the table fits its pane without scrolling sideways");
  assert.deepEqual(errors, []);
  console.log("documents table browser check: ok");
} finally {
  await check.close();
}
