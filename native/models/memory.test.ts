import { test } from "node:test";
import assert from "node:assert/strict";
import { fitVerdict, parseMemAvailable } from "./memory.ts";

const GB = 1024 ** 3;

test("verdict thresholds: under 70% fits, under 95% tight, else won't fit", () => {
  const v = (ramBytes: number, freeRamBytes = 10 * GB) => fitVerdict({ ramBytes, vramBytes: 0, freeRamBytes, freeVramBytes: 0 });
  assert.equal(v(0), "fits");
  assert.equal(v(6.99 * GB), "fits");
  assert.equal(v(7 * GB), "tight");
  assert.equal(v(9.49 * GB), "tight");
  assert.equal(v(9.5 * GB), "wont-fit");
  assert.equal(v(20 * GB), "wont-fit");
  assert.equal(v(1, 0), "wont-fit");
});

test("the tighter of RAM and VRAM decides", () => {
  assert.equal(fitVerdict({ ramBytes: 1 * GB, vramBytes: 7.5 * GB, freeRamBytes: 16 * GB, freeVramBytes: 8 * GB }), "tight");
  assert.equal(fitVerdict({ ramBytes: 1 * GB, vramBytes: 9 * GB, freeRamBytes: 16 * GB, freeVramBytes: 8 * GB }), "wont-fit");
  assert.equal(fitVerdict({ ramBytes: 1 * GB, vramBytes: 1, freeRamBytes: 16 * GB, freeVramBytes: 0 }), "wont-fit");
  assert.equal(fitVerdict({ ramBytes: 1 * GB, vramBytes: 2 * GB, freeRamBytes: 16 * GB, freeVramBytes: 8 * GB }), "fits");
});

test("non-finite inputs give unknown", () => {
  assert.equal(fitVerdict({ ramBytes: Number.NaN, vramBytes: 0, freeRamBytes: GB, freeVramBytes: 0 }), "unknown");
});

test("MemAvailable is read from /proc/meminfo text", () => {
  const text = "MemTotal:       24683436 kB\nMemFree:        23352176 kB\nMemAvailable:   24316656 kB\nBuffers:           12345 kB\n";
  assert.equal(parseMemAvailable(text), 24316656 * 1024);
  assert.equal(parseMemAvailable("MemTotal: 1 kB\n"), null);
});
