// PDF conversion on generated PDFs: exact page numbers, reading order across two columns, WinAnsi
// accents, passwords, damaged files, OCR of a scanned page, progress and cancellation.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { Converters } from "../native/rag/convert/index.ts";
import { isEngineError } from "../native/contract/errors.ts";
import type { ConvertProgress } from "../native/rag/convert/types.ts";
import { assertWellFormed, blockTexts } from "./fixtures/documents/assertions.ts";
import {
  OCR_WORD,
  fixtureDir,
  frenchPdf,
  manyPagePdf,
  ownerOnlyPdf,
  passwordPdf,
  scannedPdf,
  threePagePdf,
  twoColumnPdf,
} from "./fixtures/documents/documents.ts";

const files = fixtureDir();
const converters = new Converters();
after(() => converters.dispose());

test("a 3-page PDF: text lands on its own page, numbered exactly, with headings and paragraphs", async () => {
  const progress: ConvertProgress[] = [];
  const doc = await converters.convertFile(files.write("three.pdf", threePagePdf()), { onProgress: (p) => progress.push(p) });
  assertWellFormed(doc);
  assert.equal(doc.format, "pdf");
  assert.equal(doc.title, "Three pages");
  assert.deepEqual(doc.pages.map((p) => p.number), [1, 2, 3]);
  ["ALPHA-111", "BRAVO-222", "CHARLIE-333"].forEach((marker, i) => {
    assert.ok(doc.pages[i]!.text.includes(marker), `page ${i + 1} has ${marker}`);
    for (const other of doc.pages.filter((_, k) => k !== i)) assert.ok(!other.text.includes(marker));
  });
  const heading = doc.blocks.find((b) => b.kind === "heading" && b.text === "Chapter 2: bravo");
  assert.equal(heading?.page, 2);
  const paragraphs = doc.blocks.filter((b) => b.page === 1 && b.kind === "paragraph");
  assert.equal(paragraphs.length, 2, "lines of a paragraph joined, the vertical gap splits paragraphs");
  assert.match(paragraphs[0]!.text, /ALPHA-111\. A second line of the same paragraph/);
  assert.deepEqual(progress.map((p) => [p.done, p.total, p.page?.number]), [[1, 3, 1], [2, 3, 2], [3, 3, 3]]);
  assert.ok(doc.pages.every((p) => !p.ocr));
});

test("a two-column page is read column by column, title first and footer last", async () => {
  const doc = await converters.convertFile(files.write("two-columns.pdf", twoColumnPdf()));
  assertWellFormed(doc);
  const text = doc.pages[0]!.text;
  const order = ["A Centred Title", "Left column line 1 ", "Left column line 12", "Right column line 1 ", "Right column line 12", "Footer spanning"];
  const positions = order.map((s) => text.indexOf(s));
  assert.ok(positions.every((p) => p >= 0), `all found in: ${text}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, `reading order in: ${text}`);
  assert.ok(!blockTexts(doc).some((t) => t.includes("Left") && t.includes("Right")), "no block mixes the columns");
});

test("WinAnsi text with French and German accents comes out intact", async () => {
  const doc = await converters.convertFile(files.write("francais.pdf", frenchPdf()));
  const text = doc.pages[0]!.text;
  for (const word of ["café", "crème brûlée", "déjà", "l'hôpital", "À côté", "forêt", "Grüße", "Köln", "Straße", "Fußgänger"]) {
    assert.ok(text.includes(word), `${word} in ${text}`);
  }
  assert.equal(doc.blocks.length, 2, "the blank line between the French and German lines splits paragraphs");
});

test("a PDF that needs a password gives a typed error; an owner-password-only PDF just opens", async () => {
  await assert.rejects(converters.convertFile(files.write("locked.pdf", passwordPdf())), (err) => {
    assert.ok(isEngineError(err, "INVALID_INPUT"));
    assert.equal(err.details?.reason, "pdf-password");
    assert.match(err.message, /needs a password/);
    return true;
  });
  const doc = await converters.convertFile(files.write("owner-only.pdf", ownerOnlyPdf()));
  assert.equal(doc.pages[0]!.text, "Readable without a password.");
  assert.equal(doc.title, "Owner only");
});

test("truncated and garbage PDFs give pdf-corrupt", async () => {
  const whole = threePagePdf();
  for (const [name, bytes] of [
    ["half.pdf", whole.subarray(0, Math.floor(whole.length / 2))],
    ["header-only.pdf", whole.subarray(0, 200)],
    ["garbage.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4000, 0x41)])],
  ] as const) {
    await assert.rejects(converters.convertFile(files.write(name, bytes)), (err) => {
      assert.ok(isEngineError(err, "INVALID_INPUT"), String(err));
      assert.equal(err.details?.reason, "pdf-corrupt", name);
      assert.match(err.message, /damaged or incomplete/);
      return true;
    });
  }
});

test("a scanned page is OCR'd (ocr: true) and OCR can be switched off", { timeout: 120_000 }, async () => {
  const path = files.write("scanned.pdf", scannedPdf());
  const progress: ConvertProgress[] = [];
  const doc = await converters.convertFile(path, { onProgress: (p) => progress.push(p) });
  assertWellFormed(doc);
  assert.equal(doc.pages[0]!.ocr, false);
  assert.equal(doc.pages[1]!.ocr, true);
  assert.match(doc.pages[1]!.text, new RegExp(OCR_WORD));
  assert.ok(doc.blocks.some((b) => b.page === 2 && b.text.includes(OCR_WORD)));
  assert.deepEqual(progress.map((p) => [p.page?.number, p.page?.ocr]), [[1, false], [2, true]]);

  const off = await converters.convertFile(path, { ocr: false });
  assert.equal(off.pages.length, 2, "the skipped page keeps its number");
  assert.equal(off.pages[1]!.text, "");
  assert.equal(off.pages[1]!.ocr, false);
  assert.match(off.warnings.join("\n"), /Page 2 has no text layer; OCR is off/);
});

test("a native crash during OCR leaves the engine running: the page gets a warning", { timeout: 60_000 }, async () => {
  process.env.ENCLAVE_TEST_OCR_CRASH = "1";
  try {
    const doc = await converters.convertFile(files.write("scanned-crash.pdf", scannedPdf()));
    assert.equal(doc.pages[1]!.text, "");
    assert.equal(doc.pages[1]!.ocr, false);
    assert.match(doc.warnings.join("\n"), /Page 2: OCR failed: OCR process ended unexpectedly \(SIGSEGV\)/);
  } finally {
    delete process.env.ENCLAVE_TEST_OCR_CRASH;
  }
});

/** This process's OCR children (Linux `ps`; empty where ps is missing). */
function ocrChildren(): string[] {
  const ps = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return (ps.stdout ?? "").split("\n").filter((line) => line.includes("ocr-child"));
}

// No timing is asserted here (performance is `npm run bench`'s job): "promptly" is checked by what
// happens after the abort — no further pages, no OCR process left — not by a stopwatch.
test("abort during OCR kills the OCR process and rejects with ABORTED", { timeout: 60_000 }, async () => {
  const controller = new AbortController();
  let eventsAfterAbort = 0;
  await assert.rejects(
    converters.convertFile(files.write("scanned-abort.pdf", scannedPdf(4)), {
      signal: controller.signal,
      onProgress: (p) => {
        if (controller.signal.aborted) eventsAfterAbort += 1;
        // The first OCR'd page: the others are still being recognised, whether the OCR process was
        // started for this document or kept from the one before.
        if (p.page?.ocr) controller.abort();
      },
    }),
    (err) => isEngineError(err, "ABORTED"),
  );
  assert.equal(eventsAfterAbort, 0, "no page finished after the abort");
  // The kill is sent before the rejection; the process may take a moment to be reaped.
  for (let i = 0; i < 100 && ocrChildren().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(ocrChildren(), [], "the OCR process is gone");
  assert.equal(converters.ocrRunning, false);

  // The next document gets a fresh OCR process.
  const after = await converters.convertFile(files.write("scanned-after-abort.pdf", scannedPdf()));
  assert.match(after.pages[1]!.text, new RegExp(OCR_WORD));
});

test("abort mid-PDF rejects with ABORTED at once; the engine thread stays responsive meanwhile", { timeout: 120_000 }, async () => {
  const path = files.write("long.pdf", manyPagePdf(150));
  const controller = new AbortController();
  // Timer ticks seen between the first and the third page: pages are parsed off this thread, so
  // timers run while a document is read (a parse on this thread would let none run in between).
  let ticks = 0;
  let ticksByPage3 = -1;
  let ticksAtPage1 = -1;
  const timer = setInterval(() => (ticks += 1), 1);
  let pagesAfterAbort = 0;
  try {
    await assert.rejects(
      converters.convertFile(path, {
        signal: controller.signal,
        onProgress: (p) => {
          if (controller.signal.aborted) pagesAfterAbort += 1;
          if (p.done === 1) ticksAtPage1 = ticks;
          if (p.done === 3) {
            ticksByPage3 = ticks;
            controller.abort();
          }
        },
      }),
      (err) => isEngineError(err, "ABORTED"),
    );
  } finally {
    clearInterval(timer);
  }
  assert.ok(ticksByPage3 >= 0, "progress reached page 3 before the abort");
  assert.equal(pagesAfterAbort, 0, "rejected at the abort: no page reported after it");
  assert.ok(ticksByPage3 > ticksAtPage1, `timers ran while pages were parsed (${ticksAtPage1} → ${ticksByPage3} ticks)`);

  const pre = new AbortController();
  pre.abort();
  await assert.rejects(converters.convertFile(path, { signal: pre.signal }), (err) => isEngineError(err, "ABORTED"));

  // The aborted job's worker was terminated; the next document gets a fresh one.
  const after = await converters.convertFile(files.write("after-abort.pdf", threePagePdf()));
  assert.equal(after.pages.length, 3);
});

test("an unreadable PDF gives PERMISSION_DENIED", { skip: process.getuid?.() === 0 ? "root reads everything" : false }, async () => {
  const path = files.write("private.pdf", threePagePdf());
  chmodSync(path, 0o000);
  await assert.rejects(converters.convertFile(path), (err) => isEngineError(err, "PERMISSION_DENIED"));
});
