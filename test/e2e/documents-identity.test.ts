// The same file uploaded twice is one document: the second upload (a fresh upload folder on the
// host) is reported unchanged with the path it duplicates, the table lists it once, and a search
// finds its passage once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { AppPage } from "./pages/app-page.ts";
import { DocumentsPage } from "./pages/documents-page.ts";

const suite = e2eSuite();
const { skip } = suite;

test("uploading the same file twice keeps one document and says so", { skip, timeout: 180_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    const docs = await DocumentsPage.open(shell);
    await docs.createCollection("Reports");
    const file = { name: "report.md", mimeType: "text/markdown", buffer: Buffer.from("# Report\n\nThe WOMBAT export figure rose by nine percent.\n") };
    await docs.addFiles([file]);
    await docs.waitForStatus("report.md", "Ready");

    await docs.addFiles([file]);
    const summary = shell.page.getByRole("status", { name: "Last import" });
    await summary.getByText("1 unchanged.").waitFor({ timeout: 60_000 });
    await summary.getByText(/Same content as .*report\.md, already in this collection: indexed once\./).waitFor();
    assert.equal(await docs.documents.locator("tbody tr").count(), 1, "listed once");

    const listed = await suite.app.engine.client.call("rag.documents", { collection: "Reports" });
    assert.equal(listed.documents.length, 1);
    const { hits } = await suite.app.engine.client.call("rag.search", { query: "WOMBAT", collection: "Reports" });
    assert.equal(hits.length, 1, "one passage, once");
    await assertAccessible(shell.page, "Documents after a duplicate upload");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});
