import { test } from "node:test";
import assert from "node:assert/strict";
import type { MemoryEstimate } from "../../../native/contract/models.ts";
import { addedSummary, ramCell, vramCell } from "./feedback.ts";

test("adding a folder says how many models were added and which files could not be read, and why", () => {
  assert.equal(addedSummary([]), "Added. No GGUF files were found there yet.");
  assert.equal(addedSummary([{ path: "/m/a.gguf", error: null }]), "Added 1 model.");
  assert.equal(
    addedSummary([
      { path: "/m/a.gguf", error: null },
      { path: "/m/bad.gguf", error: "Not a GGUF file." },
      { path: "C:\\m\\cut.gguf", error: "The file is truncated" },
    ]),
    "Added 1 model; 2 files could not be read: bad.gguf (Not a GGUF file), cut.gguf (The file is truncated).",
  );
  assert.equal(
    addedSummary([1, 2, 3, 4, 5].map((n) => ({ path: `/m/${n}.gguf`, error: "unreadable" }))),
    "No model was added; 5 files could not be read: 1.gguf (unreadable), 2.gguf (unreadable), 3.gguf (unreadable), and 2 more.",
  );
});

test("an estimate that could not be made reads 'unknown', never 0 B", () => {
  const estimate = (ramBytes: number, vramBytes: number) => ({ ramBytes, vramBytes }) as unknown as MemoryEstimate;
  assert.equal(ramCell(null), "unknown");
  assert.equal(ramCell(estimate(0, 0)), "unknown");
  assert.equal(vramCell(estimate(0, 0)), "unknown");
  assert.equal(vramCell(undefined), "unknown");
  assert.equal(vramCell(estimate(75_000_000, 0)), "none");
  assert.match(ramCell(estimate(75_000_000, 0)), /MB$/);
  assert.match(vramCell(estimate(75_000_000, 2_000_000_000)), /GB$/);
});
