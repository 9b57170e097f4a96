// Chat export and import from the chat head, in Chromium against the real web host and engine: a
// JSON export with a grounded answer is imported through the file dialog and opens; the same
// conversation exports as Markdown (the answer's citations listed under it) and as JSON (which
// round-trips the citation); a file that is not an export is refused with the engine's reason.
// No model is needed: the conversation comes from the import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { Download, Page } from "playwright-core";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { AppPage } from "./pages/app-page.ts";

const suite = e2eSuite();
const { skip } = suite;

const at = "2026-12-01T10:00:00.000Z";
const citation = { n: 1, documentId: "doc-1", file: "/reports/field-report.pdf", page: 3, pageEnd: 3, text: "A marsh harrier nested beside the northern pond.", score: 0.9, quotes: [], verified: true };
const exported = {
  format: "enclave.conversations",
  version: 1,
  exportedAt: at,
  conversations: [
    {
      id: "old-id",
      title: "Harrier survey",
      createdAt: at,
      updatedAt: at,
      messageCount: 2,
      systemPrompt: "Answer from the sources.",
      sampling: {},
      messages: [
        { id: "u1", role: "user", text: "Where did the harrier nest?", createdAt: at },
        { id: "a1", role: "assistant", text: "Beside the northern pond [1].", createdAt: at, status: "complete", citations: [citation], sources: [citation] },
      ],
    },
  ],
};

async function chooseMenuItem(page: Page, item: string): Promise<void> {
  const head = page.getByRole("region", { name: "Conversation" });
  await head.locator("summary", { hasText: "Export / import" }).click();
  await head.getByRole("button", { name: item }).click();
}

async function downloadOf(page: Page, item: string): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent("download"), chooseMenuItem(page, item)])) as [Download, void];
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

test("import a JSON export, export it as Markdown with its citations and as JSON, refuse a bad file", { skip, timeout: 180_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  const { page } = shell;
  try {
    await shell.main.getByRole("button", { name: "Continue without a model" }).click();
    const conversation = page.getByRole("region", { name: "Conversation" });

    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), chooseMenuItem(page, "Import JSON…")]);
    await chooser.setFiles({ name: "harrier.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported)) });
    await conversation.getByRole("heading", { name: "Harrier survey" }).waitFor();
    await page.getByText("Imported “Harrier survey”.").waitFor();
    await page.getByRole("log", { name: "Messages" }).getByText("Beside the northern pond").waitFor();

    await conversation.locator("summary", { hasText: "Export / import" }).click();
    await assertAccessible(page, "Chat with the export / import menu open");
    await conversation.locator("summary", { hasText: "Export / import" }).click(); // and closed

    const md = await downloadOf(page, "Export as Markdown");
    assert.match(md.name, /^Harrier-survey-\d{4}-\d{2}-\d{2}\.md$/);
    assert.match(md.text, /^# Harrier survey$/m);
    assert.match(md.text, /Beside the northern pond \[\^a1-1\]\.\n\n\[\^a1-1\]: \/reports\/field-report\.pdf, page 3 \(quotes verified\): “A marsh harrier nested beside the northern pond\.”/);

    const json = await downloadOf(page, "Export as JSON");
    assert.match(json.name, /\.json$/);
    const back = JSON.parse(json.text) as typeof exported;
    assert.equal(back.conversations.length, 1);
    assert.deepEqual(back.conversations[0]!.messages[1]!.citations, [citation]);

    const [again] = await Promise.all([page.waitForEvent("filechooser"), chooseMenuItem(page, "Import JSON…")]);
    await again.setFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello": "world"}') });
    await page.getByText(/^This is not an Enclave conversation export/).waitFor();
    const list = await suite.app.engine.client.call("conversations.list", {});
    assert.equal(list.conversations.length, 1, "the bad file created nothing");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});
