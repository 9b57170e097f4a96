// Running headers and footers: the blocks at the top or bottom of a page whose text (digits aside)
// recurs on many pages of one document — "gnuplot 5.4 29", "bibleref-german, Version 1.0a … 3",
// a slide deck's navigation line. Indexed as content they attract every question that names the
// document to whichever page's passage is shortest, and they put the document's name into the
// first passage of each page only. So they are kept out of the passages, and their words become
// the document's context: given to every passage of the document alike (search-text.ts), they
// select the document without favouring one page of it. Measured with scripts/bench-eval.ts.
import type { Block, Page } from "./types.ts";

/** A block counts as running when its text recurs on at least this share of the pages… */
const MIN_SHARE = 0.3;
/** …and on at least this many pages (a 3-page memo with the same heading twice keeps it). */
const MIN_PAGES = 3;
/** Blocks looked at on each page, from the top and from the bottom. */
const EDGE_BLOCKS = 2;

/** The text compared across pages: page numbers and dates differ from page to page. */
export function runningKey(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

export interface RunningLines {
  /** The document's blocks without its running headers and footers, in their order. */
  blocks: Block[];
  /** The running lines' words, once each (numbers left out): the document's context. */
  context: string;
}

export function dropRunningLines(doc: { pages: readonly Page[]; blocks: readonly Block[] }): RunningLines {
  const pages = doc.pages.length;
  if (pages < MIN_PAGES) return { blocks: [...doc.blocks], context: "" };
  const byPage = new Map<number, Block[]>();
  for (const b of doc.blocks) (byPage.get(b.page) ?? byPage.set(b.page, []).get(b.page)!).push(b);
  const pagesWith = new Map<string, number>();
  for (const blocks of byPage.values()) {
    const edges = new Set([...blocks.slice(0, EDGE_BLOCKS), ...blocks.slice(-EDGE_BLOCKS)].map((b) => runningKey(b.text)));
    for (const key of edges) if (key) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const needed = Math.max(MIN_PAGES, MIN_SHARE * pages);
  const running = new Set([...pagesWith].filter(([, n]) => n >= needed).map(([key]) => key));
  if (running.size === 0) return { blocks: [...doc.blocks], context: "" };

  const kept: Block[] = [];
  for (const blocks of byPage.values()) {
    const edge = new Set([...blocks.slice(0, EDGE_BLOCKS), ...blocks.slice(-EDGE_BLOCKS)]);
    // A heading is never dropped: "Exercise 3" atop many pages opens a section each time.
    for (const b of blocks) if (b.kind === "heading" || !(edge.has(b) && running.has(runningKey(b.text)))) kept.push(b);
  }
  const words = new Set<string>();
  for (const key of running) for (const w of key.split(/[^\p{L}]+/u)) if (w) words.add(w);
  return { blocks: kept, context: [...words].join(" ") };
}
