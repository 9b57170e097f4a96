// settings.multiQuery end to end through RagService on a real index: off, a question shares no word
// with the German passage that answers it; on, the loaded model's rewrite into the collection's
// languages finds it, fused with the plain results. The "model" here is a stand-in that answers
// with a fixed German rewrite: a model that really translates cannot run in tests (the generated
// one has random weights; test/rag-multi-query.test.ts drives it through the same rewrite path).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SETTINGS, type Settings } from "../native/contract/settings.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import type { ModelLibrary } from "../native/models/library.ts";
import { RagService } from "../native/rag/service.ts";
import type { Generate } from "../native/rag/retrieve/multi-query.ts";

const GERMAN = "Binomialkoeffizienten setzt man in LaTeX mit dem Befehl binom, der im Mathematikmodus zwei Argumente erwartet. Die Klammern werden dabei automatisch in der passenden Größe gesetzt, wie bei den anderen Befehlen für Brüche auch.";
const ENGLISH = "Fractions are typeset with the frac command in math mode. The numerator comes first and the denominator second, and the size of the fraction follows the surrounding text unless a display style is asked for.";

test("multi-query: off by default; on, a loaded model's rewrites into the collection's languages are searched and fused", { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-multi-query-setting-"));
  const docs = join(dataDir, "docs");
  await mkdir(docs);
  await writeFile(join(docs, "mathe.txt"), `${GERMAN}\n`);
  await writeFile(join(docs, "fractions.txt"), `${ENGLISH}\n`);
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const prompts: string[] = [];
  let loaded = true;
  const generate: Generate = async (prompt) => {
    prompts.push(prompt);
    return "1. Binomialkoeffizienten setzen\n2. binomial coefficients typeset";
  };
  const library = { resolve: async () => { throw new Error("no model is resolved in this test"); }, hash: async () => ({ sha256: "" }) } as unknown as Pick<ModelLibrary, "resolve" | "hash">;
  const rag = await RagService.open({ dataDir, runtime: new LlamaRuntime({ gpu: false, maxThreads: 1 }), library, settings: () => settings, rewriter: () => (loaded ? generate : null) });
  try {
    await rag.ingest([docs], "maths", { ocr: false });
    const question = "How are binomial coefficients typeset?";
    const files = async () => (await rag.search(question, { k: 5, collection: "maths" })).hits.map((h) => h.file.split("/").pop());

    assert.equal(DEFAULT_SETTINGS.multiQuery, false);
    assert.ok(!(await files()).includes("mathe.txt"), "no shared word: the German passage is not found");
    assert.equal(prompts.length, 0, "off: the model is not asked");

    settings = { ...settings, multiQuery: true };
    assert.ok((await files()).includes("mathe.txt"), "the rewrite finds it");
    assert.equal(prompts.length, 1);
    assert.match(prompts[0]!, /German/);
    assert.match(prompts[0]!, /English/);
    assert.match(prompts[0]!, /binomial coefficients/);

    loaded = false;
    assert.ok(!(await files()).includes("mathe.txt"), "no chat model loaded: the plain search");
    assert.equal(prompts.length, 1);
  } finally {
    await rag.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
});
