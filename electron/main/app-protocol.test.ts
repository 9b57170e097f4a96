import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answerAppRequest, APP_INDEX_URL, APP_SCHEME_PRIVILEGES } from "./app-protocol.ts";

const CSP = "default-src 'self'";
let base: string;
let renderer: string;

before(async () => {
  base = await mkdtemp(join(tmpdir(), "enclave-app-protocol-"));
  renderer = join(base, "renderer");
  await mkdir(join(renderer, "assets"), { recursive: true });
  await writeFile(join(renderer, "index.html"), "<!doctype html><title>Enclave</title>");
  await writeFile(join(renderer, "assets", "index-abc.js"), "console.log(1)");
  await writeFile(join(renderer, "assets", "pdf.worker.min.mjs"), "export {}");
  await writeFile(join(renderer, ".secret"), "editor swap file");
  await writeFile(join(base, "outside.txt"), "not for the page");
  await symlink(join(base, "outside.txt"), join(renderer, "assets", "link.txt"));
});

after(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = "GET", dir = renderer) => answerAppRequest({ url, method }, dir, CSP);

test("the scheme is standard and secure, so the page has an origin and 'self' means the app", () => {
  assert.equal(APP_INDEX_URL, "app://enclave/index.html");
  assert.deepEqual(APP_SCHEME_PRIVILEGES.privileges, { standard: true, secure: true, supportFetchAPI: true, codeCache: true });
});

test("files of the build are served with their type, the CSP and nosniff", async () => {
  const page = await get(APP_INDEX_URL);
  assert.equal(page.status, 200);
  assert.equal(await page.text(), "<!doctype html><title>Enclave</title>");
  assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(page.headers.get("content-security-policy"), CSP);
  assert.equal(page.headers.get("x-content-type-options"), "nosniff");
  const worker = await get("app://enclave/assets/pdf.worker.min.mjs");
  assert.equal(worker.headers.get("content-type"), "text/javascript; charset=utf-8");
  assert.equal(await worker.text(), "export {}");
});

test("a client-side route gets the app; a missing asset is a 404", async () => {
  assert.equal(await (await get("app://enclave/chat/42")).text(), "<!doctype html><title>Enclave</title>");
  assert.equal(await (await get("app://enclave/")).text(), "<!doctype html><title>Enclave</title>");
  assert.equal((await get("app://enclave/assets/missing.js")).status, 404);
});

test("nothing outside the build, hidden, on another host or by another method", async () => {
  // The URL parser already folds dot segments, even encoded ones, so this asks for /outside.txt in the build.
  assert.equal((await get("app://enclave/%2e%2e/outside.txt")).status, 404);
  assert.equal((await get("app://enclave/assets/..%2f..%2foutside.txt")).status, 400, "encoded slashes");
  assert.equal((await get("app://enclave/assets/link.txt")).status, 400, "a symlink out of the build");
  assert.notEqual(await (await get("app://enclave/.secret")).text(), "editor swap file");
  assert.equal((await get("app://enclave/%E0%A4%A")).status, 400);
  assert.equal((await get("app://elsewhere/index.html")).status, 404);
  assert.equal((await get("app://enclave/index.html", "POST")).status, 405);
  const head = await get(APP_INDEX_URL, "HEAD");
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
});

test("an unbuilt renderer gets a page that says how to build it, under the same CSP", async () => {
  const answer = await get(APP_INDEX_URL, "GET", join(base, "nowhere"));
  assert.equal(answer.status, 503);
  assert.match(await answer.text(), /has not been built/);
  assert.equal(answer.headers.get("content-security-policy"), CSP);
});
