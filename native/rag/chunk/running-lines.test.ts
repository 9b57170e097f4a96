import { test } from "node:test";
import assert from "node:assert/strict";
import { dropRunningLines, runningKey } from "./running-lines.ts";
import type { Block, Page } from "./types.ts";

/** `n` pages: a running header, a body paragraph naming the page's own topic, a page-number footer. */
function manual(n: number, header: (page: number) => string | null): { pages: Page[]; blocks: Block[] } {
  const pages: Page[] = [];
  const blocks: Block[] = [];
  for (let p = 1; p <= n; p++) {
    const parts = [header(p), `Topic ${String.fromCharCode(64 + p)} is explained on this page in some detail.`, String(p)].filter((s): s is string => s !== null);
    let text = "";
    for (const part of parts) {
      if (text) text += "\n\n";
      const start = text.length;
      text += part;
      blocks.push({ kind: "paragraph", text: part, page: p, start, end: start + part.length });
    }
    pages.push({ number: p, text, ocr: false });
  }
  return { pages, blocks };
}

test("a running header and page-number footer leave the passages; their words become the context", () => {
  const doc = manual(8, (p) => (p % 2 ? `Widget Manual 2.1 ${p}` : `${p} Widget Manual 2.1`));
  const { blocks, context } = dropRunningLines(doc);
  assert.equal(blocks.length, 8, "one body block per page is left");
  assert.ok(blocks.every((b) => b.text.startsWith("Topic ")));
  assert.deepEqual(context.split(" ").sort(), ["manual", "widget"]);
  // Offsets are the converter's: every kept block still points at its text in its page.
  for (const b of blocks) assert.equal(doc.pages[b.page - 1]!.text.slice(b.start, b.end), b.text);
});

test("text found on few pages, or only mid-page, or in a short document stays", () => {
  const rare = manual(10, (p) => (p <= 2 ? "Appendix note" : null));
  assert.equal(dropRunningLines(rare).blocks.filter((b) => b.text === "Appendix note").length, 2, "2 of 10 pages is no running line");

  // The same sentence in the middle of every page (not at an edge) is content.
  const pages: Page[] = [];
  const blocks: Block[] = [];
  for (let p = 1; p <= 6; p++) {
    const word = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"][p - 1]!;
    const parts = [`Intro ${word}.`, `Section ${word} opens.`, "Remember to save your work.", `More on ${word}.`, `Closing ${word}.`];
    let text = "";
    for (const part of parts) {
      if (text) text += "\n\n";
      blocks.push({ kind: "paragraph", text: part, page: p, start: text.length, end: text.length + part.length });
      text += part;
    }
    pages.push({ number: p, text, ocr: false });
  }
  assert.equal(dropRunningLines({ pages, blocks }).blocks.length, blocks.length);

  const short = manual(2, () => "Memo");
  assert.equal(dropRunningLines(short).blocks.length, short.blocks.length, "a 2-page memo keeps its heading");
  assert.equal(dropRunningLines(short).context, "");
});

test("a heading at the top of many pages is a section, not a running line", () => {
  const doc = manual(6, () => "Exercise");
  for (const b of doc.blocks) if (b.text === "Exercise") b.kind = "heading";
  assert.equal(dropRunningLines(doc).blocks.filter((b) => b.text === "Exercise").length, 6);
});

test("page numbers and dates do not make a running line differ from page to page", () => {
  assert.equal(runningKey("Guide, Version 1.0a, 2. 4. 2011   3"), runningKey("guide, version 1.0a, 2. 4. 2011 17"));
  assert.notEqual(runningKey("Chapter one"), runningKey("Chapter two"));
});
