// The Documents page as an analyst uses it, in Chromium against the real web host and engine: a
// collection with a three-page PDF and a note; the embedding-model hint; search inside the
// collection with the matched words marked; a hit opens the PDF at its page with the passage
// highlighted; Open shows a document; Remove asks, Undo keeps the document (the engine never
// asked), a removal not undone leaves the index; "Ask this collection" opens a chat grounded in
// it. axe on each new screen; screenshots for people to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { applyView, saveScreenshot, THEMES } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { DocumentsPage } from "./pages/documents-page.ts";
import { ViewerPage } from "./pages/viewer-page.ts";
import { buildPdf, type PdfPageSpec } from "../fixtures/documents/pdf-writer.ts";

const suite = e2eSuite();
const { skip } = suite;

const page = (n: number, topic: string, line: string): PdfPageSpec => ({
  texts: [
    { x: 72, y: 720, size: 20, text: `Part ${n}: ${topic}`, bold: true },
    { x: 72, y: 690, size: 11, text: line },
  ],
});

const report = () =>
  buildPdf([page(1, "Sites", "Three sites were surveyed in spring."), page(2, "Method", "Each site was walked twice."), page(3, "Findings", "A marsh harrier nested beside the northern pond.")], { title: "Field report" });

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("search, open at a page, remove with undo, and ask a collection", { skip, timeout: 240_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  const engine = suite.app.engine.client;
  try {
    const docs = await DocumentsPage.open(shell);
    await docs.createCollection("Field notes");
    await docs.addFiles([
      { name: "field-report.pdf", mimeType: "application/pdf", buffer: report() },
      { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Notes\n\nBring boots; the marsh path floods after rain.\n") },
    ]);
    await docs.waitForStatus("field-report.pdf", "Ready");
    await docs.waitForStatus("notes.md", "Ready");

    // No embedding model yet: the hint says what one adds and offers the catalog's.
    const hint = shell.page.getByRole("complementary", { name: "Search by meaning, not only by words" });
    await hint.waitFor();
    await hint.getByRole("button", { name: /^Get BGE Small/ }).click();
    await hint.getByRole("heading", { name: /BGE Small/ }).waitFor();

    const results = await docs.search("harrier");
    assert.equal(await results.getByRole("listitem").count(), 1);
    assert.deepEqual(await results.locator("mark").allInnerTexts(), ["harrier"]);
    await assertAccessible(shell.page, "Documents with search results and the embedding hint");
    for (const theme of THEMES) {
      await applyView(shell.page, theme, "desktop");
      await saveScreenshot(shell.page, "documents-page-search", theme, "desktop");
    }

    // The hit opens the PDF at page 3 with the passage marked.
    await results.getByRole("button", { name: "Open field-report.pdf at page 3" }).click();
    const viewer = new ViewerPage(shell.page);
    await viewer.waitForPdfPage(3);
    assert.equal(await viewer.pageNumber.inputValue(), "3");
    assert.ok((await viewer.highlight.count()) > 0, "the passage is highlighted");
    await viewer.closeWithEscape();

    // Open on a row shows the document from its first page.
    await docs.documents.getByRole("button", { name: "Open notes.md" }).click();
    await viewer.dialog.getByText("Bring boots").waitFor();
    assert.equal(await viewer.pageNumber.inputValue(), "1");
    await viewer.closeWithEscape();

    // Remove, then Undo: the row is back and the engine still has both documents.
    const bar = await docs.removeDocument("notes.md");
    assert.equal(await docs.row("notes.md").count(), 0, "hidden while it can be undone");
    await assertAccessible(shell.page, "Documents with the removal undo bar");
    await bar.getByRole("button", { name: "Undo" }).click();
    await docs.row("notes.md").waitFor();
    assert.equal((await engine.call("rag.documents", { collection: "Field notes" })).documents.length, 2);

    // Remove without Undo: after the undo window the engine drops it.
    await docs.removeDocument("notes.md");
    await waitFor(async () => (await engine.call("rag.documents", { collection: "Field notes" })).documents.length === 1, "the removal to reach the engine");
    await shell.page.getByRole("status", { name: "Removal" }).getByText("Removed").waitFor({ state: "detached" });
    assert.equal(await docs.row("notes.md").count(), 0);

    // Ask this collection: a new chat, grounded in it.
    await docs.documents.getByRole("button", { name: "Ask this collection" }).click();
    const chat = shell.page.getByRole("region", { name: "Conversation" });
    await chat.getByRole("heading", { name: "Ask about Field notes" }).waitFor();
    assert.equal(await chat.getByLabel("Answer from").inputValue(), "Field notes");
    await assertAccessible(shell.page, "Chat opened from Ask this collection");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});
