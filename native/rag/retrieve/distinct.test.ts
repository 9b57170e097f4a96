import { test } from "node:test";
import assert from "node:assert/strict";
import { distinctPassages } from "./distinct.ts";

test("the same passage twice keeps only the first (best-scored) one", () => {
  const hits = [
    { id: "a", text: "The  Quarterly revenue\nrose." },
    { id: "b", text: "Other text." },
    { id: "c", text: "the quarterly revenue rose." },
  ];
  assert.deepEqual(distinctPassages(hits).map((h) => h.id), ["a", "b"]);
});

test("different passages all stay, in order", () => {
  const hits = [{ text: "one" }, { text: "two" }, { text: "one more" }];
  assert.equal(distinctPassages(hits).length, 3);
});
