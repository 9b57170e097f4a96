// A 2,000-page manual through the real engine: every page ingested with its exact number, and the
// engine keeps answering other calls while it works (PDF parsing runs in a worker thread).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { fixtureDir, manyPagePdf } from "./fixtures/documents/documents.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let engine: TestEngine | undefined;
after(async () => engine?.close());

test("a 2,000-page PDF ingests page-exact while the engine keeps serving", { timeout: 600_000 }, async () => {
  engine = await startTestEngine();
  const { dir, write } = fixtureDir("enclave-ingest-large-");
  write("manual.pdf", manyPagePdf(2000));
  await engine.client.call("settings.update", { ocr: false });

  let ingesting = true;
  let pingsDuringIngest = 0;
  const pinger = (async () => {
    while (ingesting) {
      await engine!.client.call("engine.ping", {});
      if (ingesting) pingsDuringIngest += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const run = await engine.client.call("rag.ingest", { paths: [dir], collection: "manual" });
  ingesting = false;
  await pinger;

  const file = run.files[0]!;
  assert.equal(file.outcome, "added", JSON.stringify(file.error));
  assert.equal(file.pages, 2000);
  assert.ok(pingsDuringIngest > 0, "other calls were answered while the manual was ingested");
  const { hits } = await engine.client.call("rag.search", { query: "\"Page 1777 line 12\"", collection: "manual", k: 3 });
  assert.ok(hits.some((h) => h.pageStart <= 1777 && h.pageEnd >= 1777), `page 1777 found: ${hits.map((h) => h.pageStart).join(", ")}`);
});
