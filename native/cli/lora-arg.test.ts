import { test } from "node:test";
import assert from "node:assert/strict";
import { loraArgs } from "./lora-arg.ts";
import { UsageError } from "../host/exit-codes.ts";

test("file and file:scale, relative to the working folder", () => {
  assert.deepEqual(loraArgs(["a.gguf", "/x/b.gguf:0.5", "c.gguf:-1"], "/work", "u"), [
    { path: "/work/a.gguf", scale: 1 },
    { path: "/x/b.gguf", scale: 0.5 },
    { path: "/work/c.gguf", scale: -1 },
  ]);
});

test("a colon not followed by a number stays in the path; bad scales are usage errors", () => {
  assert.deepEqual(loraArgs(["/x/odd:name.gguf"], "/", "u"), [{ path: "/x/odd:name.gguf", scale: 1 }]);
  assert.throws(() => loraArgs(["a.gguf:11"], "/", "u"), UsageError);
  assert.throws(() => loraArgs([":0.5"], "/", "u"), UsageError);
});
