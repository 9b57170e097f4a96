// Non-PDF converters and format sniffing, on files written by the test: DOCX (and ZIP bombs),
// HTML, Markdown, plain text in several encodings, CSV, and the files Enclave must refuse.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { isEngineError } from "../native/contract/errors.ts";
import { Converters, sniffFile } from "../native/rag/convert/index.ts";
import { assertWellFormed, blockTexts } from "./fixtures/documents/assertions.ts";
import { docx, docxRatioBomb, fixtureDir, pngBytes, threePagePdf } from "./fixtures/documents/documents.ts";
import { buildZip } from "./fixtures/documents/zip-writer.ts";

const files = fixtureDir();
const converters = new Converters();
after(() => converters.dispose());

function rejectsWith(reason: string, code = "INVALID_INPUT") {
  return (err: unknown) => {
    assert.ok(isEngineError(err), String(err));
    assert.equal(err.code, code);
    assert.equal(err.details?.reason, reason, err.message);
    return true;
  };
}

test("DOCX: headings and paragraphs in order", async () => {
  const path = files.write(
    "report.docx",
    docx([
      { style: "Heading1", text: "Quarterly Report" },
      { text: "Revenue grew in every region." },
      { style: "Heading2", text: "Risks" },
      { text: "Currency exposure & supplier delays." },
    ]),
  );
  const doc = await converters.convertFile(path);
  assertWellFormed(doc);
  assert.equal(doc.format, "docx");
  assert.deepEqual(
    doc.blocks.map((b) => [b.kind, b.text, b.level]),
    [
      ["heading", "Quarterly Report", 1],
      ["paragraph", "Revenue grew in every region.", undefined],
      ["heading", "Risks", 2],
      ["paragraph", "Currency exposure & supplier delays.", undefined],
    ],
  );
  assert.equal(doc.title, "Quarterly Report");
});

test("DOCX ZIP bombs are refused before anything is inflated", async () => {
  const declared = files.write("declared-bomb.docx", docx([{ text: "tiny" }], 3_000_000_000));
  await assert.rejects(converters.convertFile(declared), (err) => {
    rejectsWith("zip-bomb")(err);
    assert.match((err as Error).message, /ZIP bomb/);
    return true;
  });
  await assert.rejects(converters.convertFile(files.write("ratio-bomb.docx", docxRatioBomb())), rejectsWith("zip-bomb"));
});

test("HTML: main content only, without nav, header and footer", async () => {
  const paragraph = (n: number) =>
    `<p>Paragraph ${n} of the article explains how the lighthouse keeper logged the weather every night, ` +
    `with enough words in it that a reader would call it real content rather than boilerplate.</p>`;
  const html = `<!DOCTYPE html><html><head><title>Keeper's Log</title></head><body>
    <header><a href="/">Home</a> <a href="/about">About us</a></header>
    <nav><ul><li>Menu one</li><li>Menu two</li></ul></nav>
    <article><h1>The Keeper's Log</h1>${paragraph(1)}${paragraph(2)}
      <h2>Supplies</h2><ul><li>Lamp oil</li><li>Wicks <b>and</b> matches</li></ul>
      <table><tr><th>Month</th><th>Storms</th></tr><tr><td>March</td><td>4</td></tr></table>
      ${paragraph(3)}</article>
    <footer>Copyright footer text</footer></body></html>`;
  const doc = await converters.convertFile(files.write("page.html", html));
  assertWellFormed(doc);
  assert.equal(doc.format, "html");
  const text = doc.pages[0]!.text;
  for (const junk of ["Menu one", "About us", "Copyright footer"]) assert.ok(!text.includes(junk), `${junk} left out`);
  assert.ok(blockTexts(doc, "paragraph").some((t) => t.startsWith("Paragraph 3 of the article")));
  assert.ok(blockTexts(doc, "heading").includes("Supplies"));
  assert.deepEqual(blockTexts(doc, "list-item"), ["Lamp oil", "Wicks and matches"]);
  assert.deepEqual(blockTexts(doc, "table-row"), ["Month: March; Storms: 4"]);
  assert.match(doc.title ?? "", /Keeper/);
});

test("HTML without an article falls back to the body minus nav/footer", async () => {
  const html = `<html><body><nav>Skip me</nav><h2>Short</h2><p>Just one line.</p><footer>Bye</footer></body></html>`;
  const doc = await converters.convertFile(files.write("short.htm", html));
  assert.deepEqual(blockTexts(doc), ["Short", "Just one line."]);
});

test("Markdown: headings, lists, code fences and tables as blocks", async () => {
  const md = [
    "# Install guide",
    "",
    "Intro paragraph that",
    "wraps over two lines.",
    "",
    "## Steps",
    "",
    "- Download the app",
    "- Open it",
    "  and follow the prompts",
    "1. Numbered item",
    "",
    "```bash",
    "npm ci",
    "",
    "npm test",
    "```",
    "",
    "| Option | Default |",
    "|--------|---------|",
    "| ocr    | true    |",
    "",
    "Setext heading",
    "--------------",
  ].join("\n");
  const doc = await converters.convertFile(files.write("guide.md", md));
  assertWellFormed(doc);
  assert.equal(doc.format, "markdown");
  assert.deepEqual(
    doc.blocks.map((b) => [b.kind, b.text, b.level]),
    [
      ["heading", "Install guide", 1],
      ["paragraph", "Intro paragraph that\nwraps over two lines.", undefined],
      ["heading", "Steps", 2],
      ["list-item", "Download the app", undefined],
      ["list-item", "Open it\nand follow the prompts", undefined],
      ["list-item", "Numbered item", undefined],
      ["code", "npm ci\n\nnpm test", undefined],
      ["table-row", "Option: ocr; Default: true", undefined],
      ["heading", "Setext heading", 2],
    ],
  );
  assert.equal(doc.title, "Install guide");
});

test("plain text in Windows-1252 keeps French and German; paragraphs split at blank lines", async () => {
  // "€" is 0x80 and "œ" 0x9C in Windows-1252 (not Latin-1); the rest is Latin-1.
  const bytes = Buffer.concat([
    Buffer.from("Le c", "latin1"),
    Buffer.from([0x9c]),
    Buffer.from("ur de l'été : café crème, 5 ", "latin1"),
    Buffer.from([0x80]),
    Buffer.from(".\r\nÀ bientôt !\r\n\r\nGrüße aus Köln: Straße, Fußgänger, Bär.\r\n", "latin1"),
  ]);
  const doc = await converters.convertFile(files.write("lettre.txt", bytes));
  assertWellFormed(doc);
  assert.deepEqual(blockTexts(doc), ["Le cœur de l'été : café crème, 5 €.\nÀ bientôt !", "Grüße aus Köln: Straße, Fußgänger, Bär."]);
  assert.match(doc.warnings.join(" "), /Windows-1252/);
});

test("plain text in UTF-8 (with and without BOM) and UTF-16 with BOM", async () => {
  const text = "Élan vital — naïve café.\n\nZweiter Absatz: Übermäßig.";
  const expected = ["Élan vital — naïve café.", "Zweiter Absatz: Übermäßig."];
  const variants: [string, Buffer][] = [
    ["utf8.txt", Buffer.from(text, "utf8")],
    ["utf8-bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
    ["utf16le.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    ["utf16be.txt", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
  ];
  for (const [name, bytes] of variants) {
    const doc = await converters.convertFile(files.write(name, bytes));
    assert.equal(doc.format, "text", name);
    assert.deepEqual(blockTexts(doc), expected, name);
  }
});

test("a large text file streams; an invalid byte after the first MBs switches encoding from there", async () => {
  const line = "Une ligne de texte ordinaire, en UTF-8 : déjà vu.\n";
  const body = Buffer.from(`${line}\n`.repeat(120_000), "utf8"); // ~6.2 MB, 120,000 paragraphs
  const tail = Buffer.from("Fin en Latin-1 : très bien.\n", "latin1");
  const progress: number[] = [];
  const doc = await converters.convertFile(files.write("big.txt", Buffer.concat([body, tail])), { onProgress: (p) => progress.push(p.done) });
  assertWellFormed(doc);
  assert.equal(doc.blocks.length, 120_001);
  assert.equal(doc.blocks[0]!.text, line.trim());
  assert.equal(doc.blocks.at(-1)!.text, "Fin en Latin-1 : très bien.");
  assert.ok(progress.length >= 6, "progress per 1 MB chunk");
});

test("CSV: each row a table-row block 'header: value; …'", async () => {
  const csv = 'name,city,notes\nAda,London,"Wrote the first program, 1843"\nGrace,"New York",\n';
  const doc = await converters.convertFile(files.write("people.csv", csv));
  assertWellFormed(doc);
  assert.equal(doc.format, "csv");
  assert.deepEqual(blockTexts(doc, "table-row"), ["name: Ada; city: London; notes: Wrote the first program, 1843", "name: Grace; city: New York"]);
  const semicolons = await converters.convertFile(files.write("excel.csv", "Produit;Prix\nCafé;2,50\n"));
  assert.deepEqual(blockTexts(semicolons), ["Produit: Café; Prix: 2,50"]);
  // Streamed: 100,000 rows (~1.6 MB, two decoder chunks) arrive whole and in order.
  const many = ["id,word", ...Array.from({ length: 100_000 }, (_, i) => `${i},"w,${i}"`)].join("\n");
  const big = await converters.convertFile(files.write("many.csv", many));
  assertWellFormed(big);
  assert.equal(big.blocks.length, 100_000);
  assert.equal(big.blocks[54_321]!.text, "id: 54321; word: w,54321");
});

test("sniffing goes by content: a PNG named .pdf, a ZIP that is not a DOCX, a PDF named .txt", async () => {
  await assert.rejects(converters.convertFile(files.write("photo.pdf", pngBytes())), (err) => {
    rejectsWith("unsupported-format")(err);
    assert.equal((err as Error).message, "This is a PNG image, not a PDF.");
    return true;
  });
  await assert.rejects(converters.convertFile(files.write("archive.docx", buildZip([{ name: "a.txt", data: "hello" }]))), (err) => {
    rejectsWith("unsupported-format")(err);
    assert.equal((err as Error).message, "This is a ZIP archive that is not a Word document.");
    return true;
  });
  await assert.rejects(converters.convertFile(files.write("blob.bin", Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 7]))), rejectsWith("unsupported-format"));
  assert.deepEqual(await sniffFile(files.write("actually-pdf.txt", threePagePdf())), { supported: true, format: "pdf" });
  assert.deepEqual(await sniffFile(files.write("notes", "# Title\n\nBody")), { supported: true, format: "markdown" });
  assert.deepEqual(await sniffFile(files.write("about-pdf.md", "# Notes\n\nEvery PDF starts with %PDF-1.7.")), { supported: true, format: "markdown" });
  assert.deepEqual(await sniffFile(files.write("junk-first.pdf", Buffer.concat([Buffer.from("garbage\n"), threePagePdf()]))), { supported: true, format: "pdf" });
  assert.deepEqual(await sniffFile(files.write("table", "a,b\n1,2\n3,4\n5,6\n")), { supported: true, format: "csv" });
  assert.deepEqual(await sniffFile(files.write("page.txt", "<!doctype html><html><body>x</body></html>")), { supported: true, format: "html" });
  assert.deepEqual(await sniffFile(files.write("readme.txt", "# not a heading, says the extension")), { supported: true, format: "text" });
});

test("zero-byte, missing and folder paths give clear errors", async () => {
  await assert.rejects(converters.convertFile(files.write("empty.pdf", "")), (err) => {
    rejectsWith("empty-file")(err);
    assert.match((err as Error).message, /empty/);
    return true;
  });
  await assert.rejects(converters.convertFile(join(files.dir, "missing.pdf")), (err) => isEngineError(err, "NOT_FOUND"));
  const folder = join(files.dir, "folder.pdf");
  mkdirSync(folder);
  await assert.rejects(converters.convertFile(folder), rejectsWith("not-a-file"));
});
