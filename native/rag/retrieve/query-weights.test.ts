import "../index/lance-threads.ts"; // before any LanceDB call
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { buildSearchIndexes, searchColumnsOf } from "../index/search-columns.ts";
import { bestScoreById, passagesHolding, termBoosts, weightedFullText } from "./query-weights.ts";

test("a word held by at least the fraction of passages gets the boost, the others 1", () => {
  const counts = new Map([["plot", 40], ["legend", 2], ["default", 10]]);
  assert.deepEqual([...termBoosts(counts, 100, { fraction: 0.1, boost: 0.3 })], [["plot", 0.3], ["legend", 1], ["default", 0.3]]);
  assert.deepEqual([...termBoosts(counts, 100, { fraction: 0.5, boost: 0 })], [["plot", 1], ["legend", 1], ["default", 1]]);
});

test("a question of frequent words only keeps them all rather than sending an empty query", () => {
  const counts = new Map([["plot", 40], ["data", 30]]);
  assert.deepEqual([...termBoosts(counts, 100, { fraction: 0.1, boost: 0 })], [["plot", 1], ["data", 1]]);
});

test("rows of several searches keep their best score, best first", () => {
  const merged = bestScoreById([
    [{ id: "a", _score: 1 }, { id: "b", _score: 5 }],
    [{ id: "a", _score: 3 }, { id: "c", _score: 2 }],
  ]);
  assert.deepEqual(merged.map((r) => [r.id, r._score]), [["b", 5], ["a", 3], ["c", 2]]);
});

test("over a real full-text index, a collection-frequent word is counted, weighed down and dropped", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-query-weights-"));
  try {
    const db = await connect(dir);
    const texts = [
      ...Array.from({ length: 6 }, (_, i) => `plot plot filler${"abcdef"[i]} words`),
      "the legend of a figure",
    ];
    const table = await db.createTable("chunks", texts.map((t, i) => ({ id: `r${i}`, ...searchColumnsOf(t) })));
    await buildSearchIndexes(table);
    assert.equal(await passagesHolding(table, "plot", 100, undefined), 6);
    assert.equal(await passagesHolding(table, "plot", 3, undefined), 3, "counting stops at the cap");
    assert.equal(await passagesHolding(table, "plot", 100, "id = 'r6'"), 0, "within the filter only");

    const options = { limit: 10, where: undefined, columns: ["id"] };
    const plain = await weightedFullText(table, ["plot", "legend"], { fraction: 0.5, boost: 1 }, options);
    const halved = await weightedFullText(table, ["plot", "legend"], { fraction: 0.5, boost: 0.5 }, options);
    const dropped = await weightedFullText(table, ["plot", "legend"], { fraction: 0.5, boost: 0 }, options);
    assert.equal(plain.length, 7);
    const score = (rows: Record<string, unknown>[], id: string) => Number(rows.find((r) => r.id === id)!._score);
    assert.ok(Math.abs(score(halved, "r0") / score(plain, "r0") - 0.5) < 1e-3, "the frequent word's share is halved");
    assert.ok(Math.abs(score(halved, "r6") - score(plain, "r6")) < 1e-3, "the rare word keeps its weight");
    assert.deepEqual(dropped.map((r) => r.id), ["r6"], "boost 0 leaves the frequent word out of the query");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
