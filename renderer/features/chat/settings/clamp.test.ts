import { test } from "node:test";
import assert from "node:assert/strict";
import { clampSetting, rangeText } from "./clamp.ts";

test("a number within range is kept; empty means the default", () => {
  assert.deepEqual(clampSetting("0.7", { min: 0, max: 5 }), { value: 0.7, note: null });
  assert.deepEqual(clampSetting("  ", { min: 0, max: 5 }), { value: undefined, note: null });
});

test("out of range is clamped with a note saying what was typed and what was kept", () => {
  assert.deepEqual(clampSetting("999999", { min: 0, max: 5 }), { value: 5, note: "Set to 5, the largest allowed (you typed 999,999)." });
  assert.deepEqual(clampSetting("-1", { min: 0, max: 1 }), { value: 0, note: "Set to 0, the smallest allowed (you typed -1)." });
  assert.deepEqual(clampSetting("2.6", { min: 1, max: 10, integer: true }), { value: 3, note: "Rounded to 3: whole numbers only." });
  assert.match(clampSetting("abc", { min: 0, max: 1 }).note!, /not a number/);
});

test("the range reads as people write it", () => {
  assert.equal(rangeText({ min: 1, max: 1048576, integer: true }), "1–1,048,576, whole numbers");
});
