// Browser check of the documents table's layout (run by test/e2e/browser-checks.test.ts; it needs Chromium and a
// Vite build): at 1280×800, in the app's layout, status, counts and actions are one line each and
// the table fits its pane; a name wraps between words (issue 12: a name cut to "thre…" hid which
// file a row was) and is never cut, and its format badge stays whole. Exits 1 on a failure.
//   node --import tsx renderer/features/documents/browser-check/check.ts [path to chromium]
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { serveCheckPage } from "../../../testing/browser-page.ts";

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
    // Every run of text but an error message (which may take lines under its status) and a name
    // (which wraps rather than being cut) is one line.
    const wrapped: { text: string | null; lines: number }[] = [];
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement!.closest(".doc-error, .doc-name-text")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      if (lines > 1) wrapped.push({ text: node.textContent, lines });
    }
    // The two actions of a row side by side, not stacked.
    const stackedActions = [...table.querySelectorAll(".doc-actions")].filter((cell) => new Set([...cell.querySelectorAll("button")].map((b) => Math.round(b.getBoundingClientRect().top))).size > 1).length;
    const badges = [...table.querySelectorAll(".doc-format")].map((b) => ({ text: b.textContent, inside: b.getBoundingClientRect().right <= table.getBoundingClientRect().right }));
    const names = [...table.querySelectorAll<HTMLElement>(".doc-name-text")];
    // Lines a name takes, against the words it has: it may wrap between words, never inside one.
    const nameLines = names.map((n) => {
      const range = document.createRange();
      range.selectNodeContents(n);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      return { text: n.textContent, lines, words: n.textContent!.split(/\s+/).length, cut: n.scrollWidth > n.clientWidth };
    });
    return {
      wrapped,
      stackedActions,
      badges,
      nameLines,
      tableFits: table.getBoundingClientRect().right <= main.getBoundingClientRect().right,
    };
  });
  assert.deepEqual(layout.wrapped, [], "no header, name, badge, status, count or action takes two lines");
  assert.equal(layout.stackedActions, 0, "Re-index and Remove sit side by side");
  assert.equal(layout.badges.length, 7);
  for (const badge of layout.badges) assert.ok(badge.inside, `the ${badge.text} badge sits whole inside the table`);
  for (const name of layout.nameLines) {
    assert.ok(!name.cut, `${name.text} is shown whole`);
    assert.ok(name.lines <= name.words, `${name.text} wraps between words, not inside them (${name.lines} lines for ${name.words} words)`);
  }
  assert.ok(layout.nameLines.some((n) => n.text!.startsWith("A very long") && n.lines > 1), "a name longer than its column wraps");
  assert.ok(layout.tableFits, "the table fits its pane without scrolling sideways");
  assert.deepEqual(errors, []);
  console.log("documents table browser check: ok");
} finally {
  await check.close();
}
