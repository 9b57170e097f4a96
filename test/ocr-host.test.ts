// The OCR child's owner on real scanned PDFs (real pdf.js, canvas and tesseract.js in a real child
// process): kept warm for the next document, stopped when idle or disposed, one request at a time
// with a queued one cancellable, a progress event per page. No timing is asserted.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { isEngineError } from "../native/contract/errors.ts";
import { OcrHost } from "../native/rag/convert/ocr-host.ts";
import type { OcrPageResult } from "../native/rag/convert/ocr.ts";
import { OCR_WORD, fixtureDir, scannedPdf } from "./fixtures/documents/documents.ts";

const files = fixtureDir();
const scanned = files.write("scanned-3.pdf", scannedPdf(3)); // page 1 has text; pages 2–4 are pictures
const host = new OcrHost();
after(() => host.dispose());

const until = async (check: () => boolean) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
};

test("the OCR process and its workers are kept for the next document: same text, reported warm", { timeout: 120_000 }, async () => {
  const seen: OcrPageResult[] = [];
  const first = await host.run(scanned, [2, 3, 4], { workers: 2, onPage: (r) => seen.push(r) });
  assert.equal(first.warm, false, "the first request starts the process");
  assert.deepEqual([...first.results.keys()].sort(), [2, 3, 4]);
  assert.deepEqual(seen.map((r) => r.number).sort(), [2, 3, 4], "one progress event per page");
  for (const r of first.results.values()) {
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(r.text, new RegExp(OCR_WORD));
  }
  assert.ok((first.childCpuMs ?? 0) > 0, "the child reports its CPU time");
  assert.equal(host.running, true, "still running after the request");

  const second = await host.run(scanned, [3, 2], { workers: 2 });
  assert.equal(second.warm, true, "the second request finds the workers running");
  assert.deepEqual(
    [...second.results.values()].map((r) => r.ok && r.text).sort(),
    [...first.results.entries()].filter(([n]) => n !== 4).map(([, r]) => r.ok && r.text).sort(),
    "same text, warm or cold",
  );

  // Fewer workers asked for: the child starts over with that many (not warm), and still reads the page.
  const fewer = await host.run(scanned, [2], { workers: 1 });
  assert.equal(fewer.warm, false);
  assert.ok(fewer.results.get(2)?.ok);
});

test("a request queued behind a running one can be cancelled without touching the running one", { timeout: 120_000 }, async () => {
  const controller = new AbortController();
  const running = host.run(scanned, [2, 3], { workers: 2 });
  const queued = host.run(scanned, [4], { workers: 2, signal: controller.signal });
  controller.abort();
  await assert.rejects(queued, (err) => isEngineError(err, "ABORTED"));
  const done = await running;
  assert.ok([...done.results.values()].every((r) => r.ok), "the running request finished normally");
  assert.equal(host.running, true);
});

test("an idle OCR process stops itself; the next request starts a fresh one", { timeout: 120_000 }, async () => {
  const quick = new OcrHost(100);
  try {
    await quick.run(scanned, [2]);
    await until(() => !quick.running);
    assert.equal(quick.running, false, "stopped after its idle time");
    const again = await quick.run(scanned, [2]);
    assert.equal(again.warm, false);
    assert.ok(again.results.get(2)?.ok);
  } finally {
    await quick.dispose();
  }
});

test("dispose stops the process; later requests are refused", { timeout: 60_000 }, async () => {
  const owned = new OcrHost();
  await owned.run(scanned, [2]);
  assert.equal(owned.running, true);
  await owned.dispose();
  assert.equal(owned.running, false);
  await assert.rejects(owned.run(scanned, [2]), (err) => isEngineError(err, "ENGINE_UNAVAILABLE"));
});

test("a PDF the OCR process cannot open fails every asked page with a reason, and the process serves the next one", { timeout: 60_000 }, async () => {
  const broken = files.write("not-a-pdf.pdf", Buffer.from("%PDF-1.7\n" + "A".repeat(2000)));
  const failed = await host.run(broken, [1, 2]);
  assert.deepEqual([...failed.results.keys()].sort(), [1, 2]);
  for (const r of failed.results.values()) assert.equal(r.ok, false);
  const next = await host.run(scanned, [2]);
  assert.ok(next.results.get(2)?.ok);
});
