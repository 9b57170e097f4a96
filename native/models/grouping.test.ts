import { test } from "node:test";
import assert from "node:assert/strict";
import { formatParameterCount, groupBy, groupKey, groupName, normalizeModelName, parseSizeLabel } from "./grouping.ts";

test("size labels parse to parameter counts", () => {
  assert.equal(parseSizeLabel("7B"), 7e9);
  assert.equal(parseSizeLabel("1.5B"), 1.5e9);
  assert.equal(parseSizeLabel("135M"), 135e6);
  assert.equal(parseSizeLabel("8x7B"), 56e9);
  assert.equal(parseSizeLabel("large"), null);
  assert.equal(parseSizeLabel(undefined), null);
});

test("parameter counts format with two significant digits", () => {
  assert.equal(formatParameterCount(6_738_415_616), "6.7B");
  assert.equal(formatParameterCount(4_170_048), "4.2M");
  assert.equal(formatParameterCount(135_000_000), "140M");
  assert.equal(formatParameterCount(512), "512");
});

test("names normalize: case, punctuation, quant tags and 'GGUF' do not matter", () => {
  assert.equal(normalizeModelName("Enclave Test Tiny"), "enclave-test-tiny");
  assert.equal(normalizeModelName("Meta-Llama-3.1-8B-Instruct"), "meta-llama-3.1-8b-instruct");
  assert.equal(normalizeModelName("Meta Llama 3.1 8B Instruct GGUF Q4_K_M"), "meta-llama-3.1-8b-instruct");
  assert.equal(normalizeModelName("meta_llama_3.1_8b_instruct"), "meta-llama-3.1-8b-instruct");
});

test("quant variants of one model share a key; other sizes or architectures do not", () => {
  const base = { name: "Enclave Test Tiny", architecture: "llama", parameterCount: 4_170_048 };
  const f16 = groupKey({ ...base, fileName: "tiny-f16.gguf" });
  assert.equal(groupKey({ ...base, fileName: "tiny-q8_0.gguf" }), f16);
  assert.equal(groupKey({ ...base, fileName: "whatever.gguf", parameterCount: 4_170_001 }), f16);
  assert.notEqual(groupKey({ ...base, fileName: "tiny-f16.gguf", architecture: "qwen2" }), f16);
  assert.notEqual(groupKey({ ...base, fileName: "tiny-f16.gguf", parameterCount: 8e9 }), f16);
});

test("without general.name the file name, stripped of quant tags, decides", () => {
  const common = { name: null, architecture: "llama", parameterCount: 7e9 };
  const a = groupKey({ ...common, fileName: "mistral-7b-instruct-v0.2.Q4_K_M.gguf" });
  const b = groupKey({ ...common, fileName: "mistral-7b-instruct-v0.2.Q8_0.gguf" });
  const c = groupKey({ ...common, fileName: "Mistral-7B-Instruct-v0.2-f16.gguf" });
  assert.equal(a, b);
  assert.equal(a, c);
  assert.equal(groupName({ ...common, fileName: "mistral-7b-instruct-v0.2.Q4_K_M.gguf" }), "mistral-7b-instruct-v0.2");
  assert.equal(groupName({ ...common, name: "Mistral 7B Instruct", fileName: "x.gguf" }), "Mistral 7B Instruct");
});

test("groupBy keeps groups sorted by name and variants largest first", () => {
  const groups = groupBy(
    [
      { groupKey: "b", sizeBytes: 1, n: "Beta" },
      { groupKey: "a", sizeBytes: 1, n: "Alpha" },
      { groupKey: "b", sizeBytes: 3, n: "Beta" },
    ],
    (i) => i.n,
  );
  assert.deepEqual(groups.map((g) => g.name), ["Alpha", "Beta"]);
  assert.deepEqual(groups[1]!.items.map((i) => i.sizeBytes), [3, 1]);
});
