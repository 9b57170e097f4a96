import { test } from "node:test";
import assert from "node:assert/strict";
import { UsageError } from "../host/exit-codes.ts";
import { loadArgs, samplingArgs } from "./generation-args.ts";

test("samplingArgs: undefined when no option is given, else only the given ones", () => {
  assert.equal(samplingArgs({}, "usage"), undefined);
  assert.deepEqual(samplingArgs({ temperature: "0.5", "max-tokens": "64" }, "usage"), { temperature: 0.5, maxTokens: 64 });
  assert.deepEqual(samplingArgs({ seed: "7" }, "usage"), { seed: 7 });
});

test("samplingArgs and loadArgs refuse out-of-range values with a usage error", () => {
  assert.throws(() => samplingArgs({ temperature: "9" }, "usage"), UsageError);
  assert.throws(() => samplingArgs({ seed: "-1" }, "usage"), UsageError);
  assert.throws(() => loadArgs({ ctx: "64" }, "m.gguf", "/tmp", "usage"), UsageError);
  assert.throws(() => loadArgs({ threads: "0" }, "m.gguf", "/tmp", "usage"), UsageError);
});

test("loadArgs: the model resolved against cwd, threads and context only when given", () => {
  assert.deepEqual(loadArgs({}, "models/m.gguf", "/data", "usage"), { model: "/data/models/m.gguf" });
  assert.deepEqual(loadArgs({ threads: "2", ctx: "4096" }, "/abs/m.gguf", "/data", "usage"), { model: "/abs/m.gguf", threads: 2, contextSize: 4096 });
});
