import { test } from "node:test";
import assert from "node:assert/strict";
import { createProgressBar, renderProgress } from "./progress.ts";

test("a known fraction fills the bar and shows a percentage", () => {
  assert.equal(renderProgress({ label: "Loading", fraction: 0.5 }, 47), `Loading [${"#".repeat(10)}${"-".repeat(10)}]  50%`);
  assert.equal(renderProgress({ label: "Loading", fraction: 1, message: "done" }, 47), `Loading [${"#".repeat(20)}] 100%  done`);
  assert.equal(renderProgress({ label: "L", fraction: 7 }, 40).includes("100%"), true);
});

test("an unknown fraction moves a block and the line never exceeds the width", () => {
  const a = renderProgress({ label: "Scanning", fraction: null, tick: 0 }, 60);
  const b = renderProgress({ label: "Scanning", fraction: null, tick: 1 }, 60);
  assert.notEqual(a, b);
  assert.match(a, /\[=== +\]/);
  const long = renderProgress({ label: "Loading", fraction: 0.1, message: "x".repeat(200) }, 60);
  assert.equal(long.length, 60);
  assert.ok(long.endsWith("…"));
});

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 60, write: (text: string) => writes.push(text) } };
}

test("nothing is drawn when the stream is not a terminal", () => {
  const { writes, stream } = fakeStream(false);
  const bar = createProgressBar(stream, "Loading");
  bar.update(0.5);
  bar.clear();
  assert.deepEqual(writes, []);
});

test("on a terminal it redraws in place, throttled, and clears itself", () => {
  const { writes, stream } = fakeStream(true);
  let now = 0;
  const bar = createProgressBar(stream, "Loading", { intervalMs: 100, now: () => now });
  bar.update(0.1);
  now = 50;
  bar.update(0.2); // throttled
  bar.update(1); // the final state always draws
  bar.clear();
  assert.equal(writes.length, 3);
  assert.ok(writes[0]!.startsWith("\rLoading ["));
  assert.ok(writes[0]!.endsWith("\u001b[K"));
  assert.ok(writes[1]!.includes("100%"));
  assert.equal(writes[2], "\r\u001b[K");
});
