// Issue 7's upload findings: a right-to-left override disguising a name, a full disk answered as a
// 500 "INTERNAL ENOSPC…", and no cap on uploads at a time or bytes kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { handleUpload, sanitiseUploadName, uploadRefusalOf, UploadRefused } from "./upload.ts";
import { UploadQuota } from "./upload-quota.ts";

test("bidi controls and other invisible format characters in a name are refused", () => {
  for (const name of ["invoice\u202Efdp.exe", "a\u200Bb.pdf", "\uFEFFnotes.md", "x\u2066y.txt", "r\u061Cs.txt"]) {
    assert.throws(() => sanitiseUploadName(name), (e: unknown) => e instanceof UploadRefused && e.status === 400 && /text-direction/.test(e.message), JSON.stringify(name));
  }
  assert.equal(sanitiseUploadName("عقد الإيجار.pdf"), "عقد الإيجار.pdf", "right-to-left scripts themselves are fine");
});

test("a full disk is a clear 507 DISK_FULL, not a 500 INTERNAL", { skip: !existsSync("/dev/full") && "no /dev/full to produce a real ENOSPC" }, async () => {
  // /dev/full answers every write with the kernel's own ENOSPC: the error the upload would get.
  const enospc = await writeFile("/dev/full", "x").then(() => assert.fail("wrote to /dev/full"), (e: unknown) => e);
  assert.equal((enospc as NodeJS.ErrnoException).code, "ENOSPC");
  const refusal = uploadRefusalOf(enospc);
  assert.equal(refusal.status, 507);
  assert.equal(refusal.code, "DISK_FULL");
  assert.match(refusal.message, /disk .* is full/);
});

function post(port: number, name: string, body: Buffer | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method: "POST", path: `/upload?name=${encodeURIComponent(name)}` }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    if (body) req.end(body);
    else req.write(Buffer.alloc(10)); // left open: an upload in progress
  });
}

test("uploads at a time and bytes kept are capped per host, each with a message that says so", async () => {
  process.umask(0o022); // the usual umask: group and others could read what it creates
  const scratch = await mkdtemp(join(tmpdir(), "enclave-upload-cap-"));
  const uploads = join(scratch, "uploads");
  const quota = new UploadQuota(1, 1000);
  const server = createServer((req, res) => void handleUpload(req, res, new URL(req.url!, "http://x"), uploads, 10_000, quota));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  try {
    const open = post(port, "slow.txt", null).catch(() => null);
    for (let i = 0; i < 100 && !existsSync(uploads); i++) await new Promise((r) => setTimeout(r, 10));
    const busy = await post(port, "second.txt", Buffer.from("x"));
    assert.equal(busy.status, 429);
    assert.match(busy.body, /"BUSY".*Too many uploads at once \(at most 1\)/);
    server.closeAllConnections();
    await open;
    // The aborted upload is finished only once it has given its slot back (after removing its folder).
    for (let i = 0; i < 500 && quota.running > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(quota.running, 0, "the aborted upload gave its slot back");
    assert.deepEqual(await readdir(uploads), [], "the aborted upload left nothing");

    assert.equal((await post(port, "a.txt", Buffer.alloc(800))).status, 201);
    const full = await post(port, "b.txt", Buffer.alloc(300));
    assert.equal(full.status, 507);
    assert.match(full.body, /"DISK_FULL".*Uploads are full: this host keeps at most 1000 bytes/);
    assert.equal((await readdir(uploads)).length, 1, "the refused upload left nothing");
    const folder = join(uploads, (await readdir(uploads))[0]!);
    if (process.platform !== "win32") {
      assert.equal((await stat(uploads)).mode & 0o777, 0o700);
      assert.equal((await stat(folder)).mode & 0o777, 0o700);
      assert.equal((await stat(join(folder, "a.txt"))).mode & 0o777, 0o600);
    }
  } finally {
    server.closeAllConnections();
    server.close();
    await rm(scratch, { recursive: true, force: true });
  }
});
