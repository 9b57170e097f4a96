import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { engineLaunchArgs, parseEngineLaunchArgs } from "./launch-args.ts";

test("what a transport writes, the engine reads back", () => {
  for (const options of [{ dataDir: "/data", gpu: false as const }, { dataDir: "/data with spaces/x", gpu: "auto" as const }]) {
    assert.deepEqual(parseEngineLaunchArgs(engineLaunchArgs(options)), options);
  }
  assert.deepEqual(engineLaunchArgs({ dataDir: "/d" }), ["--data-dir", "/d"], "gpu unset means auto: no --cpu");
  assert.equal(parseEngineLaunchArgs(["--data-dir", "rel"]).dataDir, resolve("rel"));
});

test("a missing or empty data folder is refused; a host's own switches are left alone", () => {
  assert.throws(() => parseEngineLaunchArgs([]), /--data-dir is required/);
  assert.throws(() => parseEngineLaunchArgs(["--data-dir="]), /--data-dir is required/);
  assert.throws(() => parseEngineLaunchArgs(["--data-dir"]), /--data-dir is required/);
  assert.deepEqual(parseEngineLaunchArgs(["--type=utility", "--data-dir", "/d", "--cpu"]), { dataDir: "/d", gpu: false });
});
