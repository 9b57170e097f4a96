// The vocabulary-size fixture of the decode benchmark (test/fixtures/vocab-models.ts): the padded
// model must have exactly the asked vocabulary in its tokenizer and its output layer, and llama.cpp
// must load it and tokenize text as the unpadded 32k vocabulary does (the padding only adds tokens
// at the end), or the benchmark would time something other than a bigger vocabulary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import { readGguf } from "./fixtures/gguf-reader.ts";
import { getVocabModel } from "./fixtures/vocab-models.ts";

const N_VOCAB = 40_000;

test("a padded-vocabulary model has that vocabulary, loads, and tokenizes as the base vocabulary", async () => {
  const [base, padded] = [await getVocabModel(32_000), await getVocabModel(N_VOCAB)];
  const gguf = await readGguf(padded);
  const tokens = gguf.metadata.get("tokenizer.ggml.tokens");
  assert.equal(tokens?.type === "array" ? tokens.values.length : -1, N_VOCAB);
  assert.deepEqual(gguf.tensors.find((t) => t.name === "output.weight")?.dims, [256, N_VOCAB]);
  await assert.rejects(getVocabModel(31_999), /below the base vocabulary/);

  const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
  try {
    const text = "Confidential documents stay on this machine.";
    const [baseModel, paddedModel] = [await llama.loadModel({ modelPath: base }), await llama.loadModel({ modelPath: padded })];
    assert.deepEqual(paddedModel.tokenize(text), baseModel.tokenize(text));
    assert.equal(paddedModel.detokenize(paddedModel.tokenize(text)), text);
    await baseModel.dispose();
    await paddedModel.dispose();
  } finally {
    await llama.dispose();
  }
});
