// Browser check of uploads (run by test/e2e/browser-checks.test.ts; it needs Chromium and a Vite build): the web
// client's resolveFiles, with Chromium's XMLHttpRequest, against the web host's real upload handler.
// A 64 MB upload reports progress along the way and lands whole; a cancelled 256 MB upload rejects
// with ABORTED and leaves nothing in the uploads folder. Exits 1 on a failure.
//   node --import tsx renderer/services/browser-check/check.ts [path to chromium]
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveCheckPage } from "../../testing/browser-page.ts";
import { handleUpload } from "../../../native/web/upload.ts";
import { UPLOAD_PATH } from "../../../native/contract/wire/names.ts";
import type { UploadOutcome } from "./main.ts";

const MB = 1024 ** 2;
const uploads = await mkdtemp(join(tmpdir(), "enclave-upload-check-"));
/** Every upload the host is still handling: a cancelled one is checked once its handler is done. */
const handling = new Set<Promise<void>>();
const check = await serveCheckPage(fileURLToPath(new URL(".", import.meta.url)), {}, (req, res, url) => {
  if (url.pathname !== UPLOAD_PATH) return false;
  const handled = handleUpload(req, res, url, uploads, 1024 * MB).finally(() => handling.delete(handled));
  handling.add(handled);
  return true;
});
try {
  const page = await check.browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${check.origin}/index.html`);
  await page.waitForFunction(() => "uploadCheck" in window);
  const run = (sizes: number[], cancel: boolean) =>
    page.evaluate(([s, c]) => (window as unknown as { uploadCheck(s: number[], c: boolean): Promise<UploadOutcome> }).uploadCheck(s, c), [sizes, cancel] as const);

  const done = await run([64 * MB, 1 * MB], false);
  assert.equal(done.error, null, JSON.stringify(done.error));
  assert.equal(done.paths!.length, 2);
  assert.equal((await stat(done.paths![0]!)).size, 64 * MB, "the first file landed whole");
  const partway = done.progress.filter((p) => p.bytesSent > 0 && p.bytesSent < 64 * MB);
  assert.ok(partway.length > 0, `progress during the first file (${done.progress.map((p) => p.bytesSent).join(", ")})`);
  assert.deepEqual(done.progress.at(-1), { fileName: "file-1.bin", fileIndex: 1, fileCount: 2, bytesSent: 65 * MB, bytesTotal: 65 * MB });
  await rm(uploads, { recursive: true, force: true });

  const cancelled = await run([256 * MB], true);
  assert.equal(cancelled.error?.code, "ABORTED", JSON.stringify(cancelled));
  // The host sees the hang-up only after reading what the client had already sent (up to 256 MB on
  // a busy machine), so wait for its handler to finish rather than for a fixed time.
  await Promise.all(handling);
  assert.deepEqual(await readdir(uploads).catch(() => []), [], "the host deleted the cancelled upload");
  assert.deepEqual(errors, []);
  console.log("upload browser check: ok");
} finally {
  await check.close();
  await rm(uploads, { recursive: true, force: true });
}
