// HTML, DOCX and Markdown are converted in a worker thread: the result is the one the converters
// give in-process, errors keep their code and reason, and a cancel stops a conversion mid-file
// without breaking the next one.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { isEngineError } from "../native/contract/errors.ts";
import { Converters } from "../native/rag/convert/index.ts";
import { convertDocx } from "../native/rag/convert/docx.ts";
import { convertHtml } from "../native/rag/convert/html.ts";
import { convertMarkdown } from "../native/rag/convert/markdown.ts";
import { docx, fixtureDir } from "./fixtures/documents/documents.ts";

const files = fixtureDir("enclave-convert-worker-");
const converters = new Converters();
after(() => converters.dispose());

const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} about the lease of unit QX-${i}, signed in Zürich — «${i % 3 ? "draft" : "final"}».`);

test("the worker's HTML, DOCX and Markdown documents equal the in-process converters' ones", async () => {
  const html = files.write("page.html", `<html><head><title>Lease</title></head><body><nav>Home</nav><article><h1>Lease</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}<ul><li>one</li><li>two</li></ul></article></body></html>`);
  const md = files.write("notes.md", `# Notes\n\n${paragraphs.join("\n\n")}\n\n## Table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\`\`\`\ncode\n\`\`\`\n`);
  const word = files.write("lease.docx", docx([{ style: "Heading1", text: "Lease" }, ...paragraphs.map((text) => ({ text }))]));
  assert.deepEqual(await converters.convertFile(html), await convertHtml(html));
  assert.deepEqual(await converters.convertFile(md), await convertMarkdown(md));
  assert.deepEqual(await converters.convertFile(word), await convertDocx(word));
});

test("a damaged DOCX fails in the worker with its code and reason", async () => {
  const broken = files.write("broken.docx", Buffer.concat([docx([{ text: "x" }]).subarray(0, 200), Buffer.alloc(200)]));
  await assert.rejects(converters.convertFile(broken), (err: unknown) => isEngineError(err) && err.code === "INVALID_INPUT" && typeof err.details?.reason === "string");
});

test("a cancel stops a conversion in the worker with ABORTED; the next conversion runs in a fresh one", async () => {
  const big = files.write("big.html", `<html><body><article>${Array.from({ length: 40 }, () => paragraphs.map((p) => `<p>${p}</p>`).join("")).join("")}</article></body></html>`);
  const controller = new AbortController();
  const converting = converters.convertFile(big, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(converting, (err: unknown) => isEngineError(err) && err.code === "ABORTED");
  const small = files.write("small.md", "# Still works\n\nAfter a cancel.\n");
  assert.deepEqual((await converters.convertFile(small)).blocks.map((b) => b.text), ["Still works", "After a cancel."]);
});
