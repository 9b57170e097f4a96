// Chunking counts each segment once and settles each run's end with a few whole counts (budget.ts),
// and still makes exactly the chunks it made when it counted every growing run as a whole: compared
// with a frozen copy of that algorithm (fixtures/chunking-reference/), with a real GGUF tokenizer and
// with the estimate ingestion uses without an embedder, on converted PDF, DOCX and Markdown files.
// An estimate that held only for a toy word counter would prove nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { getLlama, type Llama, type LlamaModel } from "node-llama-cpp";
import { Converters } from "../native/rag/convert/index.ts";
import { chunkDocument, dropRunningLines, type Block, type CountTokens, type Page } from "../native/rag/chunk/index.ts";
import { chunkSizes, estimateTokens } from "../native/rag/ingest/pipeline.ts";
import { chunkDocumentCountingEveryRun } from "./fixtures/chunking-reference/chunker.ts";
import { docx, fixtureDir, frenchPdf, manyPagePdf, threePagePdf, twoColumnPdf } from "./fixtures/documents/documents.ts";
import { getTestModels } from "./fixtures/test-models.ts";

let llama: Llama;
let model: LlamaModel;

before(async () => {
  llama = await getLlama({ gpu: false, build: "never" });
  model = await llama.loadModel({ modelPath: (await getTestModels()).q8_0 });
});

after(async () => {
  await model?.dispose();
  await llama?.dispose();
});

/** A tokenizer that tallies the characters it was given: the work of counting, independent of the
 *  machine's speed (growing runs counted whole cost characters quadratic in the run's length). */
function tallied(count: CountTokens): { count: CountTokens; chars: () => number } {
  let chars = 0;
  return {
    count: (text) => {
      chars += text.length;
      return count(text);
    },
    chars: () => chars,
  };
}

const clause = "The supplier shall deliver the goods described in the schedule, in good condition and on time. ";
const markdown = [
  "# Service agreement",
  "",
  ...Array.from({ length: 12 }, (_, i) => [
    `## Section ${i + 1}`,
    "",
    `${clause.repeat(1 + (i % 5))}See [annex ${i}](#annex).`,
    "",
    `- item ${i} costs ${i * 7} EUR`,
    `- delivery within ${i + 2} days`,
    "",
    "| item | price |",
    "| --- | --- |",
    `| widget ${i} | ${i * 3} |`,
    "",
  ]).flat(),
  "```",
  "const longLine = " + JSON.stringify("x".repeat(900)) + ";",
  "```",
].join("\n");

test("the budgeted chunker makes the same chunks as counting every run, tokenizing a fraction of the text", async () => {
  const { write } = fixtureDir("enclave-chunk-budget-");
  const files = [
    write("many.pdf", manyPagePdf(12)),
    write("three.pdf", threePagePdf()),
    write("columns.pdf", twoColumnPdf()),
    write("french.pdf", frenchPdf()),
    write("contract.docx", docx([{ style: "Heading1", text: "Terms" }, ...Array.from({ length: 30 }, (_, i) => ({ text: `Clause ${i}. ${clause.repeat(1 + (i % 7))}` }))])),
    write("agreement.md", markdown),
  ];
  const converters = new Converters();
  const docs = await Promise.all(files.map(async (file) => ({ file, doc: await converters.convertFile(file, {}) }))).finally(() => converters.dispose());
  const tokenizers: [string, CountTokens][] = [
    ["gguf", (text) => model.tokenize(text).length],
    ["estimate", estimateTokens],
  ];
  const { maxTokens, overlapTokens } = chunkSizes({ contextSize: 512 });
  // Ingestion's sizes both ways, and small sizes that split blocks at sentences, words and characters.
  const settings = [
    { maxTokens, overlapTokens, pageBounded: true },
    { maxTokens, overlapTokens, pageBounded: false },
    { maxTokens: 64, overlapTokens: 16, pageBounded: true },
    { maxTokens: 24, overlapTokens: 6, pageBounded: false },
  ];
  for (const [name, countTokens] of tokenizers) {
    let budgetedChars = 0;
    let everyRunChars = 0;
    for (const setting of settings) {
      for (const { file, doc } of docs) {
        // As ingestion chunks: running headers and footers left out first.
        const input = { pages: doc.pages, blocks: dropRunningLines(doc).blocks };
        const a = tallied(countTokens);
        const b = tallied(countTokens);
        const budgeted = chunkDocument(input, { countTokens: a.count, ...setting });
        const reference = chunkDocumentCountingEveryRun(input, { countTokens: b.count, ...setting });
        const where = `${file}, ${name}, ${JSON.stringify(setting)}`;
        assert.ok(reference.length > 0, where);
        assert.deepEqual(budgeted, reference, where);
        budgetedChars += a.chars();
        everyRunChars += b.chars();
      }
    }
    assert.ok(budgetedChars * 2 < everyRunChars, `${name}: ${budgetedChars} characters tokenized vs ${everyRunChars} counting every run`);
  }
});

test("where joining blocks costs more than the estimate allows for, runs taken on the estimate are settled to the same chunks", () => {
  // Word counts plus 4 tokens for every block separator: the estimate (parts plus one per separator)
  // is low by 3 at every join, so the chunker takes units that do not fit and must find and redo them.
  // And word counts where a separator costs nothing: the estimate is high. Both grow with the text.
  const tokenizers: [string, CountTokens][] = [
    ["separator costs 4", (t) => (t.match(/\S+/g)?.length ?? 0) + 4 * (t.match(/\n/g)?.length ?? 0)],
    ["separator free", (t) => t.match(/\S+/g)?.length ?? 0],
  ];
  const blocks: Block[] = [];
  const texts = new Map<number, string>();
  for (let i = 0; i < 120; i++) {
    const page = 1 + Math.floor(i / 25);
    const heading = i % 17 === 0;
    const text = heading ? `Part ${i}` : Array.from({ length: 3 + ((i * 5) % 23) }, (_, j) => `w${i}x${j}${j % 6 === 5 ? "." : ""}`).join(" ");
    const before = texts.get(page);
    const start = before === undefined ? 0 : before.length + 2;
    texts.set(page, before === undefined ? text : `${before}\n\n${text}`);
    blocks.push({ kind: heading ? "heading" : "paragraph", level: heading ? 1 : undefined, text, page, start, end: start + text.length });
  }
  const pages: Page[] = [...texts].map(([number, text]) => ({ number, text, ocr: false }));
  for (const [name, countTokens] of tokenizers) {
    for (const [maxTokens, overlapTokens] of [[40, 8], [64, 16], [120, 20]] as const) {
      for (const pageBounded of [false, true]) {
        const options = { countTokens, maxTokens, overlapTokens, pageBounded };
        assert.deepEqual(chunkDocument({ pages, blocks }, options), chunkDocumentCountingEveryRun({ pages, blocks }, options), `${name}, ${maxTokens}, ${pageBounded}`);
      }
    }
  }
});
