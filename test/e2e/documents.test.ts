// Adding documents from the browser: files chosen in the page are uploaded to the web host, ingested
// by the engine from the host's copy, and listed with their status; a file the engine cannot read
// is listed as failed with its reason, and the rest still go in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { DocumentsPage } from "./pages/documents-page.ts";

const suite = e2eSuite();
const { skip } = suite;

test("files chosen in the browser are uploaded, ingested and listed", { skip, timeout: 180_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    const docs = await DocumentsPage.open(shell);
    await docs.createCollection("Leases");
    await docs.addFiles([
      { name: "lease notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Lease\n\nUnit QX-9182 ends on 1 May 2031.\n") },
      { name: "tenants.csv", mimeType: "text/csv", buffer: Buffer.from("unit,tenant\nQX-9182,Acme\n") },
      { name: "broken.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\nnot really a pdf") },
    ]);
    await docs.waitForStatus("lease notes.md", "Ready");
    await docs.waitForStatus("tenants.csv", "Ready");
    await docs.waitForStatus("broken.pdf", "Failed");

    // The engine read the uploaded copies in the host's data folder.
    const listed = await suite.app.engine.client.call("rag.documents", { collection: "Leases" });
    assert.equal(listed.documents.length, 3);
    assert.ok(listed.documents.every((d) => d.path.startsWith(`${suite.app.engine.dataDir}/uploads/`)), JSON.stringify(listed.documents.map((d) => d.path)));
    const hits = await suite.app.engine.client.call("rag.search", { query: "QX-9182", collection: "Leases" });
    assert.ok(hits.hits.some((h) => h.file.endsWith("/lease notes.md")));

    await assertAccessible(shell.page, "Documents with a collection");
    await saveScreenshot(shell.page, "documents-added", "light", "desktop");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});
