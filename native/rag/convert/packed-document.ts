// A ConvertedDocument packed for the trip from a worker thread: the pages' text as strings and the
// blocks as typed arrays (transferred, not copied). Structured-cloning 120,000 block objects held
// the engine's event loop for up to half a second; rebuilt here from the page text, a few thousand
// per turn, they never hold it for long. A block's text is not sent: it is
// `pages[page - 1].text.slice(start, end)` (the invariant types.ts states).
import type { Block, BlockKind, ConvertedDocument } from "./types.ts";

const KINDS: readonly BlockKind[] = ["heading", "paragraph", "list-item", "table-row", "code"];

export interface PackedDocument extends Omit<ConvertedDocument, "blocks"> {
  blocks: { kind: Uint8Array; level: Uint8Array; page: Uint32Array; start: Uint32Array; end: Uint32Array };
}

export function packDocument(doc: ConvertedDocument): { packed: PackedDocument; transfer: ArrayBuffer[] } {
  const n = doc.blocks.length;
  const blocks = { kind: new Uint8Array(n), level: new Uint8Array(n), page: new Uint32Array(n), start: new Uint32Array(n), end: new Uint32Array(n) };
  doc.blocks.forEach((b, i) => {
    blocks.kind[i] = KINDS.indexOf(b.kind);
    blocks.level[i] = b.level ?? 0;
    blocks.page[i] = b.page;
    blocks.start[i] = b.start;
    blocks.end[i] = b.end;
  });
  return { packed: { ...doc, blocks }, transfer: Object.values(blocks).map((a) => a.buffer as ArrayBuffer) };
}

/** Blocks rebuilt per turn of the event loop: a few milliseconds' work, so a large document never
 *  holds the engine up for long between turns. */
const BLOCKS_PER_TURN = 5000;

export async function unpackDocument(packed: PackedDocument): Promise<ConvertedDocument> {
  const { kind, level, page, start, end } = packed.blocks;
  const texts = packed.pages.map((p) => p.text);
  const blocks: Block[] = new Array(kind.length);
  for (let i = 0; i < kind.length; i++) {
    if (i > 0 && i % BLOCKS_PER_TURN === 0) await new Promise((r) => setImmediate(r));
    const block: Block = { kind: KINDS[kind[i]!]!, text: texts[page[i]! - 1]!.slice(start[i], end[i]), page: page[i]!, start: start[i]!, end: end[i]! };
    if (level[i]) block.level = level[i];
    blocks[i] = block;
  }
  return { ...packed, blocks };
}
