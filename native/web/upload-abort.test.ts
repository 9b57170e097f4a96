// A cancelled browser upload drops its connection mid-body: the host must delete what it had written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { handleUpload } from "./upload.ts";

/** Polls until `check` holds (or fails after two seconds, saying what it waited for). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The bytes on disk of every file under the uploads folder. */
async function written(uploads: string): Promise<number[]> {
  const sizes: number[] = [];
  for (const folder of await readdir(uploads).catch(() => [])) {
    for (const name of await readdir(join(uploads, folder)).catch(() => [])) sizes.push((await stat(join(uploads, folder, name))).size);
  }
  return sizes;
}

test("an upload whose connection drops mid-body leaves neither its file nor its folder behind", async () => {
  const scratch = await mkdtemp(join(tmpdir(), "enclave-upload-abort-"));
  const uploads = join(scratch, "uploads");
  const server = createServer((req, res) => void handleUpload(req, res, new URL(req.url!, "http://x"), uploads, 10 * 1024 ** 2));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const { port } = server.address() as AddressInfo;
    const req = request({ host: "127.0.0.1", port, method: "POST", path: "/upload?name=big.pdf", headers: { "content-length": String(1024 ** 2) } });
    req.on("error", () => {}); // the reset we cause below
    req.write(Buffer.alloc(256 * 1024, 1));
    await until("part of the file is on disk", async () => (await written(uploads)).some((size) => size > 0));

    req.destroy();
    await until("the uploads folder is empty again", async () => (await readdir(uploads)).length === 0);
    assert.deepEqual(await written(uploads), []);
  } finally {
    server.close();
    await rm(scratch, { recursive: true, force: true });
  }
});
