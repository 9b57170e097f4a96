// How long chunking blocks the engine's thread when chunks are sized in an embedding model's tokens:
// converts a generated N-page PDF, then times chunkDocument (synchronous) with the model's tokenizer
// and counts tokenize calls. Usage: node --import tsx scripts/probe-chunking.ts [pages=200] [model.gguf]
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getLlama } from "node-llama-cpp";
import { Converters } from "../native/rag/convert/index.ts";
import { chunkDocument } from "../native/rag/chunk/index.ts";
import { chunkSizes } from "../native/rag/ingest/pipeline.ts";
import { manyPagePdf } from "../test/fixtures/documents/documents.ts";
import { getTestModels } from "../test/fixtures/test-models.ts";

const pages = Number(process.argv[2] ?? 200);
const modelPath = process.argv[3] ?? (await getTestModels()).q8_0;
const dir = await mkdtemp(join(tmpdir(), "enclave-probe-chunking-"));
const llama = await getLlama({ gpu: false, build: "never" });
const model = await llama.loadModel({ modelPath });
try {
  const pdf = join(dir, "manual.pdf");
  await writeFile(pdf, manyPagePdf(pages));
  const converters = new Converters();
  const doc = await converters.convertFile(pdf, {}).finally(() => converters.dispose());
  let calls = 0;
  const started = performance.now();
  const chunks = chunkDocument(doc, {
    countTokens: (text) => {
      calls += 1;
      return model.tokenize(text).length;
    },
    ...chunkSizes({ contextSize: 512 }),
  });
  const ms = performance.now() - started;
  console.log(`pages=${pages} chunks=${chunks.length} tokenize calls=${calls} chunkDocument=${Math.round(ms)} ms (synchronous)`);
} finally {
  await model.dispose();
  await llama.dispose();
  await rm(dir, { recursive: true, force: true });
}
