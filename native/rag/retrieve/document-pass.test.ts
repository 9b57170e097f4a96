import { test } from "node:test";
import assert from "node:assert/strict";
import { fillDocumentPlaces, leadingDocuments } from "./document-pass.ts";

const p = (documentId: string, chunkId: string) => ({ documentId, chunkId });

test("the document keeps its places; the second pass decides which of its passages fill them", () => {
  const ranked = [p("A", "a1"), p("B", "b1"), p("A", "a2"), p("C", "c1")];
  const within = [p("A", "a9"), p("A", "a2")];
  assert.deepEqual(fillDocumentPlaces(ranked, "A", within).map((r) => r.chunkId), ["a9", "b1", "a2", "c1", "a1"]);
});

test("places the second pass cannot fill keep the first pass's passages of that document, each once", () => {
  const ranked = [p("A", "a1"), p("A", "a2"), p("B", "b1"), p("A", "a3")];
  assert.deepEqual(fillDocumentPlaces(ranked, "A", [p("A", "a3")]).map((r) => r.chunkId), ["a3", "a1", "b1", "a2"]);
  assert.deepEqual(fillDocumentPlaces(ranked, "A", []).map((r) => r.chunkId), ["a1", "a2", "b1", "a3"], "an empty second pass changes nothing");
});

test("passages of other documents in the second pass are ignored; other documents never move", () => {
  const ranked = [p("B", "b1"), p("A", "a1"), p("B", "b2")];
  const out = fillDocumentPlaces(ranked, "A", [p("B", "b9"), p("A", "a5")]);
  assert.deepEqual(out.map((r) => r.chunkId), ["b1", "a5", "b2", "a1"]);
});

test("the leading documents are the first distinct ones in rank order", () => {
  const ranked = [p("B", "b1"), p("B", "b2"), p("A", "a1"), p("C", "c1")];
  assert.deepEqual(leadingDocuments(ranked, 2), ["B", "A"]);
  assert.deepEqual(leadingDocuments(ranked, 9), ["B", "A", "C"]);
});
