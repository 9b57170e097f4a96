import { before, test } from "node:test";
import assert from "node:assert/strict";
import { GgufFileType } from "node-llama-cpp";
import { importLlama } from "../inference/llama-module.ts";
import { quantFromFileName, quantLabel, stripQuantSuffixes } from "./quant.ts";

// quantLabel runs on metadata node-llama-cpp just parsed; the engine imports the module lazily.
before(() => importLlama());

test("general.file_type maps to the labels users know", () => {
  assert.equal(quantLabel(GgufFileType.ALL_F32), "F32");
  assert.equal(quantLabel(GgufFileType.MOSTLY_F16), "F16");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q4_0), "Q4_0");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q4_1), "Q4_1");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q5_0), "Q5_0");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q5_1), "Q5_1");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q8_0), "Q8_0");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q2_K), "Q2_K");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q3_K_S), "Q3_K_S");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q3_K_M), "Q3_K_M");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q3_K_L), "Q3_K_L");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q4_K_S), "Q4_K_S");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q4_K_M), "Q4_K_M");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q5_K_S), "Q5_K_S");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q5_K_M), "Q5_K_M");
  assert.equal(quantLabel(GgufFileType.MOSTLY_Q6_K), "Q6_K");
  assert.equal(quantLabel(GgufFileType.MOSTLY_IQ2_XXS), "IQ2_XXS");
  assert.equal(quantLabel(GgufFileType.MOSTLY_IQ4_XS), "IQ4_XS");
  assert.equal(quantLabel(GgufFileType.MOSTLY_BF16), "BF16");
  assert.equal(quantLabel(7), "Q8_0");
});

test("unknown or missing file types have no label", () => {
  assert.equal(quantLabel(undefined), null);
  assert.equal(quantLabel(null), null);
  assert.equal(quantLabel(9999), null);
  assert.equal(quantLabel(1.5), null);
});

test("quant tags are read from and stripped off file names", () => {
  assert.equal(quantFromFileName("Llama-3-8B-Instruct-Q4_K_M.gguf"), "Q4_K_M");
  assert.equal(quantFromFileName("mistral-7b-instruct-v0.2.Q8_0.gguf"), "Q8_0");
  assert.equal(quantFromFileName("tiny-f16.gguf"), "F16");
  assert.equal(quantFromFileName("qwen2-0_5b-instruct-iq2_xxs.gguf"), "IQ2_XXS");
  assert.equal(quantFromFileName("model.gguf"), null);
  assert.equal(stripQuantSuffixes("Llama-3-8B-Instruct-Q4_K_M.gguf"), "Llama-3-8B-Instruct");
  assert.equal(stripQuantSuffixes("mistral-7b-instruct-v0.2.Q8_0.gguf"), "mistral-7b-instruct-v0.2");
  assert.equal(stripQuantSuffixes("tiny-f16.gguf"), "tiny");
  assert.equal(stripQuantSuffixes("phi-3-mini-4k-instruct-q4.gguf"), "phi-3-mini-4k-instruct-q4");
  assert.equal(stripQuantSuffixes("Model-GGUF-Q5_K_S.gguf"), "Model");
});
