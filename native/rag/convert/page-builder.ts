// Builds one page's text out of blocks, recording each block's exact offsets. Blocks are separated
// by a blank line so that the page text reads naturally on its own.
import type { Block, BlockDraft, Page } from "./types.ts";

export class PageBuilder {
  #text = "";
  readonly blocks: Block[] = [];

  constructor(readonly pageNumber: number) {}

  add(draft: BlockDraft): void {
    const text = draft.text.trim();
    if (!text) return;
    if (this.#text) this.#text += "\n\n";
    const start = this.#text.length;
    this.#text += text;
    const block: Block = { kind: draft.kind, text, page: this.pageNumber, start, end: this.#text.length };
    if (draft.level !== undefined) block.level = draft.level;
    this.blocks.push(block);
  }

  addAll(drafts: Iterable<BlockDraft>): this {
    for (const draft of drafts) this.add(draft);
    return this;
  }

  page(ocr = false): Page {
    return { number: this.pageNumber, text: this.#text, ocr };
  }
}

/** A one-page document out of block drafts (every format without pages). */
export function singlePage(drafts: Iterable<BlockDraft>): { pages: Page[]; blocks: Block[] } {
  const builder = new PageBuilder(1).addAll(drafts);
  return { pages: [builder.page()], blocks: builder.blocks };
}

/** Collapses runs of spaces and tabs (not newlines) and trims. */
export function squashSpaces(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, " ").trim();
}
