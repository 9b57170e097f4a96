import { test } from "node:test";
import assert from "node:assert/strict";
import { chunkDocument, chunkDocumentCooperatively } from "./chunker.ts";
import { splitToFit } from "./split.ts";
import type { Block, Page } from "./types.ts";

const words = (t: string): number => t.split(/\s+/).filter(Boolean).length;

/** Builds pages + exact blocks from [page, kind, text, level?] lines (blocks separated by "\n\n"). */
function doc(spec: [number, Block["kind"], string, number?][]): { pages: Page[]; blocks: Block[] } {
  const texts = new Map<number, string>();
  const blocks: Block[] = [];
  for (const [page, kind, text, level] of spec) {
    const before = texts.get(page);
    const start = before === undefined ? 0 : before.length + 2;
    texts.set(page, before === undefined ? text : `${before}\n\n${text}`);
    blocks.push({ kind, text, page, start, end: start + text.length, ...(level ? { level } : {}) });
  }
  const pages = [...texts].map(([number, text]) => ({ number, text, ocr: false }));
  return { pages, blocks };
}

/** Each chunk's offsets point at text in the pages that the chunk contains. */
function assertOffsetsExact(pages: Page[], chunks: ReturnType<typeof chunkDocument>): void {
  for (const c of chunks) {
    const first = pages.find((p) => p.number === c.pageStart)!;
    const last = pages.find((p) => p.number === c.pageEnd)!;
    const head = c.text.split("\n")[0]!;
    assert.equal(first.text.slice(c.charStart, c.charStart + head.length), head, `start of chunk ${c.index}`);
    const tail = c.text.split("\n").at(-1)!;
    assert.equal(last.text.slice(c.charEnd - tail.length, c.charEnd), tail, `end of chunk ${c.index}`);
  }
}

test("headings start chunks and give exact paths; small blocks stay together", () => {
  const d = doc([
    [1, "heading", "Contract", 1],
    [1, "paragraph", "This agreement is made between A and B."],
    [1, "heading", "Termination", 2],
    [1, "paragraph", "Either party may end it with notice."],
    [1, "list-item", "- thirty days in writing"],
    [2, "heading", "Fees", 2],
    [2, "table-row", "| item | price |"],
    [2, "heading", "Annex", 1],
    [2, "paragraph", "Signed."],
  ]);
  const chunks = chunkDocument(d, { countTokens: words, maxTokens: 50, overlapTokens: 5 });
  assert.deepEqual(chunks.map((c) => c.headingPath), [["Contract"], ["Contract", "Termination"], ["Contract", "Fees"], ["Annex"]]);
  assert.equal(chunks[1]!.text, "Termination\nEither party may end it with notice.\n- thirty days in writing");
  assert.deepEqual([chunks[2]!.pageStart, chunks[2]!.pageEnd], [2, 2]);
  assertOffsetsExact(d.pages, chunks);
});

test("sizes respected, overlap repeats the tail, nothing dropped, pages span", () => {
  const para = (i: number): string => Array.from({ length: 12 }, (_, j) => `w${i}_${j}`).join(" ") + ".";
  const spec: [number, Block["kind"], string][] = [];
  for (let i = 0; i < 20; i++) spec.push([1 + Math.floor(i / 7), "paragraph", para(i)]);
  const d = doc(spec);
  const chunks = chunkDocument(d, { countTokens: words, maxTokens: 40, overlapTokens: 12 });
  assert.ok(chunks.length > 5);
  for (const c of chunks) assert.ok(words(c.text) <= 40, `chunk ${c.index} has ${words(c.text)} tokens`);
  const all = new Set(chunks.flatMap((c) => c.text.split(/\s+/)));
  for (const [, , text] of spec) for (const w of text.split(" ")) assert.ok(all.has(w), `${w} kept`);
  assert.ok(chunks.some((c) => c.pageStart !== c.pageEnd), "a chunk spans a page break");
  // Overlap: each chunk after the first begins with the last paragraph of the previous one.
  for (let i = 1; i < chunks.length; i++) {
    const prevLast = chunks[i - 1]!.text.split("\n").at(-1)!;
    assert.ok(chunks[i]!.text.startsWith(prevLast), `chunk ${i} overlaps`);
  }
  assertOffsetsExact(d.pages, chunks);
});

test("an over-long block splits at sentences, then words, then characters, losslessly", () => {
  const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} says something here.`).join(" ");
  const d = doc([[3, "paragraph", long]]);
  const chunks = chunkDocument(d, { countTokens: words, maxTokens: 20, overlapTokens: 0 });
  assert.ok(chunks.length >= 10);
  assert.equal(chunks.map((c) => c.text).join(" "), long);
  for (const c of chunks) {
    assert.ok(words(c.text) <= 20);
    assert.ok(c.text.endsWith("."), "cut at a sentence end");
    assert.equal(d.pages[0]!.text.slice(c.charStart, c.charEnd), c.text);
  }
  const noSentences = Array.from({ length: 50 }, (_, i) => `word${i}`).join(" ");
  const r = splitToFit(noSentences, 7, words);
  assert.equal(r.map((x) => noSentences.slice(x.start, x.end)).join(""), noSentences);
  assert.ok(r.every((x) => words(noSentences.slice(x.start, x.end)) <= 7));
  const chars = (t: string): number => t.length;
  const blob = "x".repeat(1000);
  const rc = splitToFit(blob, 64, chars);
  assert.equal(rc.length, 16);
  assert.equal(rc.map((x) => blob.slice(x.start, x.end)).join(""), blob);
});

test("no blocks: paragraphs from page text; invalid sizes are INVALID_INPUT", () => {
  const pages: Page[] = [{ number: 1, text: "First para.\n\nSecond para\nstill second.", ocr: false }];
  const chunks = chunkDocument({ pages, blocks: [] }, { countTokens: words, maxTokens: 3, overlapTokens: 0 });
  assert.deepEqual(chunks.map((c) => c.text), ["First para.", "Second para", "still second."]);
  assert.throws(() => chunkDocument({ pages, blocks: [] }, { countTokens: words, maxTokens: 3, overlapTokens: 3 }), { code: "INVALID_INPUT" });
});

test("the cooperative chunker gives the same chunks, lets the event loop run, and stops when cancelled", async () => {
  const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} has a few words in it for the counter.`);
  const d = doc(paragraphs.map((text, i): [number, Block["kind"], string] => [1 + Math.floor(i / 40), "paragraph", text]));
  // A deliberately slow counter (~0.2 ms a call), as a real tokenizer is on a long document.
  const slow = (text: string): number => {
    const until = performance.now() + 0.2;
    while (performance.now() < until);
    return words(text);
  };
  const options = { countTokens: slow, maxTokens: 40, overlapTokens: 8 };
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 1);
  const cooperative = await chunkDocumentCooperatively(d, options);
  clearInterval(ticker);
  assert.deepEqual(cooperative, chunkDocument(d, options));
  assert.ok(ticks > 0, "timers ran while it chunked");
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(chunkDocumentCooperatively(d, options, controller.signal), { code: "ABORTED" });
});

test("pageBounded: no chunk spans a page break and nothing is repeated across it", () => {
  const pages = [
    { number: 1, text: "First page paragraph one.\n\nFirst page paragraph two.", ocr: false },
    { number: 2, text: "Second page, one paragraph.", ocr: false },
  ];
  const countTokens = (t: string) => t.split(/\s+/).filter(Boolean).length;
  const spanning = chunkDocument({ pages, blocks: [] }, { countTokens, maxTokens: 100, overlapTokens: 10 });
  assert.deepEqual(spanning.map((c) => [c.pageStart, c.pageEnd]), [[1, 2]], "without the option one chunk holds both pages");
  const bounded = chunkDocument({ pages, blocks: [] }, { countTokens, maxTokens: 100, overlapTokens: 10, pageBounded: true });
  assert.deepEqual(bounded.map((c) => [c.pageStart, c.pageEnd]), [[1, 1], [2, 2]]);
  assert.equal(bounded[0]!.text, "First page paragraph one.\nFirst page paragraph two.");
  assert.equal(bounded[1]!.text, "Second page, one paragraph.");
});
