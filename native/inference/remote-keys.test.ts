import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RemoteKeys } from "./remote-keys.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "enclave-remote-keys-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("headless, keys live in a file only its owner can read, and survive a new instance", async () => {
  await withDir(async (dir) => {
    const keys = new RemoteKeys(dir);
    assert.equal(keys.store, "file");
    assert.equal(await keys.set("team-llm", "sk-one"), true);
    await keys.set("other", "sk-two");
    if (process.platform !== "win32") assert.equal((await stat(join(dir, "remote-keys.json"))).mode & 0o777, 0o600);
    const again = new RemoteKeys(dir);
    assert.equal(await again.get("team-llm"), "sk-one");
    assert.deepEqual(await again.ids(), ["other", "team-llm"]);
    assert.equal(await again.set("other", null), false);
    assert.deepEqual(await new RemoteKeys(dir).ids(), ["team-llm"]);
  });
});

test("held by the app: the keychain's keys win, filed ones it lacks are handed back, and nothing is written to disk", async () => {
  await withDir(async (dir) => {
    const filed = new RemoteKeys(dir);
    await filed.set("old", "sk-filed");
    await filed.set("both", "sk-filed-both");
    const keys = new RemoteKeys(dir);
    assert.deepEqual(await keys.hold({ both: "sk-keychain", fresh: "sk-new" }), { old: "sk-filed" });
    assert.equal(keys.store, "keychain");
    assert.equal(await keys.get("both"), "sk-keychain");
    assert.equal(await keys.get("old"), "sk-filed", "still usable while the app moves it");
    await assert.rejects(readFile(join(dir, "remote-keys.json")), { code: "ENOENT" });
    await keys.set("later", "sk-later");
    await assert.rejects(readFile(join(dir, "remote-keys.json")), { code: "ENOENT" }, "a held key is never written to the file");
    assert.deepEqual(await keys.ids(), ["both", "fresh", "later", "old"]);
    // A second hold (after an engine restart the app attaches again) hands nothing back.
    assert.deepEqual(await keys.hold({ a: "sk-a" }), {});
  });
});
