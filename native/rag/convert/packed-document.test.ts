import { test } from "node:test";
import assert from "node:assert/strict";
import { PageBuilder } from "./page-builder.ts";
import { packDocument, unpackDocument } from "./packed-document.ts";
import type { ConvertedDocument } from "./types.ts";

function document(pages: number, blocksPerPage: number): ConvertedDocument {
  const built = Array.from({ length: pages }, (_, p) => {
    const builder = new PageBuilder(p + 1);
    for (let i = 0; i < blocksPerPage; i++) {
      builder.add(i % 7 === 0 ? { kind: "heading", level: (i % 6) + 1, text: `Heading ${p}.${i}` } : { kind: (["paragraph", "list-item", "table-row", "code"] as const)[i % 4]!, text: `Text ${p}.${i} — é ✓` });
    }
    return builder;
  });
  return { format: "docx", pages: built.map((b) => b.page()), blocks: built.flatMap((b) => b.blocks), title: "T", warnings: ["w"] };
}

test("a packed document unpacks to the same document: kinds, levels (only on headings), pages, offsets and text", async () => {
  const doc = document(3, 12_000);
  const { packed, transfer } = packDocument(doc);
  assert.equal(transfer.length, 5, "the five block arrays are transferred, not copied");
  assert.ok(!("text" in packed.blocks), "block text is not sent twice");
  assert.deepEqual(await unpackDocument(structuredClone(packed, { transfer })), doc);
});

test("an empty document survives the trip", async () => {
  const doc: ConvertedDocument = { format: "html", pages: [{ number: 1, text: "", ocr: false }], blocks: [], warnings: ["No text found in this page."] };
  const { packed, transfer } = packDocument(doc);
  assert.deepEqual(await unpackDocument(structuredClone(packed, { transfer })), doc);
});
