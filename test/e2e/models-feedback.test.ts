// Honest feedback on the Models page, in Chromium against the real web host and engine: adding a
// folder whose two files are not GGUF says exactly that (no "Added 2 model files"), each variant
// row names its file, and an unreadable file's memory estimate reads "unknown", not 0 B or a dash.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { AppPage } from "./pages/app-page.ts";
import { ModelsPage } from "./pages/models-page.ts";

// The folder is given to the web host up front, as `--allow-folder` would.
const dir = mkdtempSync(path.join(tmpdir(), "enclave-bad-models-"));
const suite = e2eSuite({ allowedFolders: [dir] });
const { skip } = suite;

test("a folder of unreadable files is reported file by file; rows name their file; unknown estimates say so", { skip, timeout: 180_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    // GGUF magic and version, then the header is cut short: corrupt model files, not other files.
    const truncated = Buffer.concat([Buffer.from("GGUF"), Buffer.from([3, 0, 0, 0]), Buffer.alloc(6)]);
    await writeFile(path.join(dir, "broken-one.gguf"), truncated);
    await writeFile(path.join(dir, "broken-two.gguf"), Buffer.concat([truncated, Buffer.from("cut")]));
    const models = await ModelsPage.open(shell);
    await models.heading.waitFor();
    await shell.main.getByLabel("Model file or folder").fill(dir);
    await shell.main.getByRole("button", { name: "Add", exact: true }).click();
    const toast = shell.page.getByText(/^No model was added; 2 files could not be read: /);
    await toast.waitFor({ timeout: 60_000 });
    const text = await toast.innerText();
    assert.match(text, /broken-one\.gguf \(/);
    assert.match(text, /broken-two\.gguf \(/);
    assert.doesNotMatch(text, /Added 2/);

    const row = shell.main.getByRole("row").filter({ hasText: "broken-one.gguf" });
    await row.waitFor();
    assert.ok((await row.getByRole("cell", { name: "unknown", exact: true }).count()) >= 1, "the RAM estimate reads unknown");
    assert.equal(await row.getByText("0 B", { exact: true }).count(), 0);
    await assertAccessible(shell.page, "Models with unreadable files");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
    await rm(dir, { recursive: true, force: true });
  }
});
