// Proves the generated test models are real: llama.cpp (through node-llama-cpp) loads every variant,
// chats with it, applies the LoRA adapter, and rejects each broken file with a catchable error.
// One thread and small contexts throughout: the CI machine has 2 cores shared by parallel files.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { getLlama, LlamaChatSession, LlamaLogLevel, readGgufFileInfo, type Llama, type LlamaModel } from "node-llama-cpp";
import { readGguf, readTensorBytes } from "./fixtures/gguf-reader.ts";
import { dequantize, fp16ToFp32, fp32ToFp16 } from "./fixtures/quantize.ts";
import { getTestModels, writeCorruptVariants, type CorruptVariants, type TestModels } from "./fixtures/test-models.ts";

let models: TestModels;
let corrupt: CorruptVariants;
let llama: Llama;
let scratch: string;

before(async () => {
  models = await getTestModels();
  scratch = await mkdtemp(join(tmpdir(), "enclave-test-models-"));
  corrupt = await writeCorruptVariants(scratch);
  llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error });
});

after(async () => {
  await llama?.dispose();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const VARIANTS = [
  { key: "f16", fileType: 1 },
  { key: "q8_0", fileType: 7 },
  { key: "q4_0", fileType: 2 },
] as const;

/** Greedy chat reply of at most 16 tokens; returns the text and how many tokens were generated. */
async function greedyReply(model: LlamaModel, lora?: string): Promise<{ text: string; tokens: number }> {
  const context = await model.createContext({
    contextSize: 512,
    threads: 1,
    ...(lora ? { lora: { adapters: [{ filePath: lora }] } } : {}),
  });
  try {
    const session = new LlamaChatSession({ contextSequence: context.getSequence() });
    let tokens = 0;
    const text = await session.prompt("Hello! Who are you?", {
      temperature: 0,
      maxTokens: 16,
      onToken: (chunk) => { tokens += chunk.length; },
    });
    assert.equal(session.chatWrapper.wrapperName, "ChatML", "the ChatML template should select ChatMLChatWrapper");
    session.dispose();
    return { text, tokens };
  } finally {
    await context.dispose();
  }
}

test("fp32→fp16 matches IEEE half precision with round-to-nearest-even", () => {
  assert.equal(fp32ToFp16(1), 0x3c00);
  assert.equal(fp32ToFp16(-2), 0xc000);
  assert.equal(fp32ToFp16(0.1), 0x2e66);
  assert.equal(fp32ToFp16(65504), 0x7bff);
  assert.equal(fp32ToFp16(65520), 0x7c00); // rounds up to infinity
  assert.equal(fp32ToFp16(2 ** -24), 0x0001); // smallest subnormal
  assert.equal(fp32ToFp16(2 ** -25), 0x0000); // subnormal ties go to even too
  assert.equal(fp32ToFp16(3 * 2 ** -25), 0x0002);
  assert.equal(fp32ToFp16(1 + 2 ** -11), 0x3c00); // tie goes to the even mantissa
  assert.equal(fp32ToFp16(1 + 3 * 2 ** -11), 0x3c02);
  assert.equal(fp32ToFp16(NaN) & 0x7e00, 0x7e00);
  const broken: number[] = [];
  for (let h = 0; h < 0x10000; h++) {
    if ((h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0) continue; // NaNs
    if (fp32ToFp16(fp16ToFp32(h)) !== h) broken.push(h);
  }
  assert.deepEqual(broken, [], "every half value should round-trip");
});

test("every variant holds the same weights, within quantization error", async () => {
  const name = "blk.1.ffn_down.weight";
  const read = async (path: string) => {
    const gguf = await readGguf(path);
    const info = gguf.tensors.find((t) => t.name === name);
    assert.ok(info, `${name} in ${path}`);
    return { type: info.type, values: dequantize(await readTensorBytes(path, gguf, name), info.type) };
  };
  const reference = await read(models.f16);
  assert.equal(reference.type, "F16");
  const rms = Math.sqrt(reference.values.reduce((s, v) => s + v * v, 0) / reference.values.length);
  for (const [path, type, tolerance] of [[models.q8_0, "Q8_0", 0.01], [models.q4_0, "Q4_0", 0.15]] as const) {
    const { type: actual, values } = await read(path);
    assert.equal(actual, type);
    let err = 0;
    for (let i = 0; i < values.length; i++) err += ((values[i] as number) - (reference.values[i] as number)) ** 2;
    const relative = Math.sqrt(err / values.length) / rms;
    assert.ok(relative < tolerance, `${type} relative RMS error ${relative.toFixed(4)} should be < ${tolerance}`);
  }
});

test("metadata says what each file is", async () => {
  for (const { key, fileType } of VARIANTS) {
    const info = await readGgufFileInfo(models[key]);
    assert.equal(info.metadata.general.architecture, "llama");
    assert.equal(info.metadata.general.name, models.name);
    assert.equal(info.metadata.general.license, models.license);
    assert.equal(info.metadata.general.file_type, fileType, key);
    assert.equal(info.metadata.tokenizer.chat_template, models.chatTemplate);
    assert.equal(info.metadata.tokenizer.ggml.model, "llama");
    assert.equal(info.metadata.llama?.embedding_length, models.shape.nEmbd);
    assert.equal(info.tensorInfo?.length, 3 + 9 * models.shape.nLayer);
  }
  const own = await readGguf(models.q8_0);
  const tokens = own.metadata.get("tokenizer.ggml.tokens");
  assert.ok(tokens?.type === "array" && tokens.values.length === models.nVocab, "full vocabulary copied");
  const lora = await readGguf(models.lora);
  assert.deepEqual(lora.metadata.get("general.type"), { type: "string", value: "adapter" });
  assert.deepEqual(lora.metadata.get("adapter.type"), { type: "string", value: "lora" });
});

test("each variant loads and chats greedily; the LoRA adapter changes the reply", async (t) => {
  for (const { key } of VARIANTS) {
    await t.test(key, async () => {
      const model = await llama.loadModel({ modelPath: models[key] });
      try {
        const base = await greedyReply(model);
        // EOS/BOS/UNK output rows are zero, so a random model never stops early.
        assert.equal(base.tokens, 16, `${key} generated ${base.tokens} tokens: ${JSON.stringify(base.text)}`);
        assert.ok(base.text.length > 0);
        if (key === "q8_0") {
          assert.deepEqual(await greedyReply(model), base, "greedy decoding is deterministic");
          const adapted = await greedyReply(model, models.lora);
          assert.notEqual(adapted.text, base.text, "the adapter should change greedy output");
        }
      } finally {
        await model.dispose();
      }
    });
  }
});

test("a LoRA adapter for another shape, or a model passed as adapter, is a catchable error", async () => {
  const model = await llama.loadModel({ modelPath: models.q8_0 });
  try {
    for (const filePath of [corrupt.mismatchedLora, models.f16]) {
      await assert.rejects(
        model.createContext({ contextSize: 512, threads: 1, lora: { adapters: [{ filePath }] } }),
        /LoRA/,
      );
    }
    // The model is still usable after the failed attempts.
    assert.equal((await greedyReply(model)).tokens, 16);
  } finally {
    await model.dispose();
  }
});

test("broken files are rejected by loadModel with a catchable error", async (t) => {
  const cases: [string, string, RegExp][] = [
    ["truncated", corrupt.truncated, /Failed to load model/],
    ["bad magic", corrupt.badMagic, /magic/i],
    ["text file", corrupt.textFile, /magic/i],
    ["huge tensor count", corrupt.hugeTensorCount, /out of range|Failed to load/],
    ["huge metadata count", corrupt.hugeKvCount, /out of range|Failed to load/],
    ["vocabulary only", models.vocabOnly, /Failed to load model/],
  ];
  for (const [label, modelPath, message] of cases) {
    await t.test(label, async () => {
      await assert.rejects(llama.loadModel({ modelPath }), message);
    });
  }
});

test("parallel processes share one generated copy", async () => {
  // Three processes race to build the same cache directory; exactly one may run the build, and
  // each must see the finished file.
  const dir = join(scratch, "race");
  const script = `
    import { appendFile, readFile, writeFile } from "node:fs/promises";
    import { ensureCachedDir } from ${JSON.stringify(new URL("./fixtures/cached-dir.ts", import.meta.url).href)};
    const dir = ${JSON.stringify(dir)};
    await ensureCachedDir(dir, async (tmp) => {
      await appendFile(dir + ".builds", "x");
      await new Promise((r) => setTimeout(r, 300));
      await writeFile(tmp + "/data", "y".repeat(1 << 20));
    });
    const data = await readFile(dir + "/data", "utf8");
    if (data.length !== 1 << 20) throw new Error("partial file seen");
  `;
  const run = promisify(execFile);
  await Promise.all(
    [0, 1, 2].map(() => run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script])),
  );
  assert.equal(await readFile(`${dir}.builds`, "utf8"), "x");
});
