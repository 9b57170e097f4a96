import { test } from "node:test";
import assert from "node:assert/strict";
import { checkHeader, describeForeignFile, flattenMetadata } from "./metadata.ts";

function header(version: number, tensors: bigint, kvs: bigint): Buffer {
  const b = Buffer.alloc(24);
  b.write("GGUF", 0, "latin1");
  b.writeUInt32LE(version, 4);
  b.writeBigUInt64LE(tensors, 8);
  b.writeBigUInt64LE(kvs, 16);
  return b;
}

test("foreign files are named for what they are", () => {
  assert.equal(describeForeignFile(Buffer.alloc(0)), "the file is empty");
  assert.match(describeForeignFile(Buffer.from("ggjt\u0003\u0000")), /old GGML format/);
  assert.match(describeForeignFile(Buffer.from("version https://git-lfs.github.com/spec/v1")), /Git LFS pointer/);
  assert.match(describeForeignFile(Buffer.from("<!DOCTYPE html><html>")), /web page/);
  assert.equal(describeForeignFile(Buffer.from("This is text")), "not a GGUF file");
});

test("headers are checked against the file size before parsing", () => {
  assert.equal(checkHeader(header(3, 21n, 27n), 5_000_000), null);
  assert.equal(checkHeader(header(2, 0n, 3n), 1000), null);
  assert.match(checkHeader(header(99, 21n, 27n), 5_000_000)!, /unsupported GGUF version 99/);
  assert.match(checkHeader(header(3, 1n << 40n, 27n), 5_000_000)!, /header is corrupt: it claims 1099511627776 tensors/);
  assert.match(checkHeader(header(3, 21n, 1n << 40n), 5_000_000)!, /1099511627776 metadata entries/);
  assert.match(checkHeader(Buffer.from("GGUF"), 4)!, /file is truncated/);
  assert.match(checkHeader(Buffer.from("GGUX0000"), 8)!, /not a GGUF file/);
});

test("metadata flattens to dotted keys, bigints become numbers, long arrays are summarised", () => {
  const flat = flattenMetadata({ general: { name: "x", parameter_count: 12n, tags: ["a"] }, tokenizer: { ggml: { tokens: Array(100).fill("t") } } });
  assert.deepEqual(flat, { "general.name": "x", "general.parameter_count": 12, "general.tags": ["a"], "tokenizer.ggml.tokens": "[100 items]" });
});
