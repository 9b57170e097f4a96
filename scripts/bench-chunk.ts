// Chunking's tokenizer work, before and after it counted each segment once, in the same run: chunks a
// converted document (a generated 40-lines-a-page PDF by default, or the files given) the way
// ingestion does (running lines dropped, page-bounded, ingestion's sizes for a 512-token embedder),
// once with the frozen reference that counts every growing run whole (test/fixtures/chunking-reference)
// and once with the chunker, alternating, and prints tokenize calls, characters tokenized and the
// process's CPU time (process.cpuUsage, user + system: wall time means little on a loaded machine),
// median of the rounds. Also checks that both made the same chunks.
// Usage: node --import tsx scripts/bench-chunk.ts [--pages 200] [--rounds 3] [--model file.gguf] [file ...]
import { parseArgs, isDeepStrictEqual } from "node:util";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { getLlama } from "node-llama-cpp";
import { Converters } from "../native/rag/convert/index.ts";
import { chunkDocument, dropRunningLines, type Chunk, type ChunkOptions } from "../native/rag/chunk/index.ts";
import { chunkSizes } from "../native/rag/ingest/pipeline.ts";
import { chunkDocumentCountingEveryRun } from "../test/fixtures/chunking-reference/chunker.ts";
import { manyPagePdf } from "../test/fixtures/documents/documents.ts";
import { getTestModels } from "../test/fixtures/test-models.ts";
import { median } from "./median.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { pages: { type: "string", default: "200" }, rounds: { type: "string", default: "3" }, model: { type: "string" } },
});
const rounds = Math.max(1, Number(values.rounds));

type Chunker = (doc: Parameters<typeof chunkDocument>[0], options: ChunkOptions) => Chunk[];
const chunkers: [string, Chunker][] = [
  ["counting every run (before)", chunkDocumentCountingEveryRun],
  ["each segment once (now)", chunkDocument],
];

const dir = await mkdtemp(join(tmpdir(), "enclave-bench-chunk-"));
const converters = new Converters();
const llama = await getLlama({ gpu: false, build: "never" });
const model = await llama.loadModel({ modelPath: values.model ?? (await getTestModels()).q8_0 });
try {
  const files = positionals.length > 0 ? positionals : [join(dir, `manual-${values.pages}-pages.pdf`)];
  if (positionals.length === 0) await writeFile(files[0]!, manyPagePdf(Number(values.pages)));
  console.log(`tokenizer: ${basename(values.model ?? "test model q8_0 (llama SentencePiece vocabulary)")}; ${rounds} rounds, medians; CPU = process user + system`);
  for (const file of files) {
    const doc = await converters.convertFile(file, {});
    const input = { pages: doc.pages, blocks: dropRunningLines(doc).blocks };
    const options = { ...chunkSizes({ contextSize: 512 }), pageBounded: true };
    const results = new Map<string, { calls: number; chars: number; cpuMs: number[]; chunks: Chunk[] }>();
    for (let round = 0; round < rounds; round++) {
      for (const [name, chunk] of chunkers) {
        let calls = 0;
        let chars = 0;
        const countTokens = (text: string): number => {
          calls += 1;
          chars += text.length;
          return model.tokenize(text).length;
        };
        const before = process.cpuUsage();
        const chunks = chunk(input, { ...options, countTokens });
        const cpu = process.cpuUsage(before);
        const entry = results.get(name) ?? { calls, chars, cpuMs: [], chunks };
        entry.cpuMs.push((cpu.user + cpu.system) / 1000);
        results.set(name, entry);
      }
    }
    const textChars = input.blocks.reduce((sum, b) => sum + b.text.length, 0) || doc.pages.reduce((sum, p) => sum + p.text.length, 0);
    console.log(`\n${basename(file)}: ${doc.pages.length} pages, ${textChars} characters of text, maxTokens ${options.maxTokens}, overlap ${options.overlapTokens}`);
    for (const [name, r] of results) {
      console.log(`  ${name.padEnd(28)} ${String(r.chunks.length).padStart(5)} chunks  ${String(r.calls).padStart(6)} tokenize calls  ${String(r.chars).padStart(9)} characters (${(r.chars / textChars).toFixed(1)}x the text)  CPU ${Math.round(median(r.cpuMs))} ms`);
    }
    const [before, now] = [...results.values()];
    console.log(`  same chunks: ${isDeepStrictEqual(before!.chunks, now!.chunks)}`);
  }
} finally {
  await model.dispose();
  await llama.dispose();
  await converters.dispose();
  await rm(dir, { recursive: true, force: true });
}
