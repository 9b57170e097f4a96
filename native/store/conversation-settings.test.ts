// A conversation's own LoRA adapters and context cap: kept in the journal across reopen and
// compaction, reset with null, and absent (null) in journals written before they existed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isEngineError } from "../contract/errors.ts";
import { journalBeforeSettings } from "../../test/fixtures/journal-before-settings.ts";
import { ConversationStore } from "./conversation-store.ts";

async function withDir(fn: (dataDir: string) => void): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "enclave-conv-settings-"));
  try {
    fn(dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const LORA = [{ path: "/adapters/style.gguf", scale: 2 }, { path: "/adapters/tone.gguf", scale: -0.5 }];

test("adapters and context cap are stored, survive reopen and compaction, and null resets them", () =>
  withDir((dataDir) => {
    let store = ConversationStore.open(dataDir, { compactAfter: 5 });
    const created = store.create({ lora: [LORA[0]!], contextSize: 1024 });
    assert.deepEqual([created.lora, created.contextSize], [[LORA[0]], 1024]);
    store.update(created.id, { lora: LORA, contextSize: 512 });
    store.close();

    store = ConversationStore.open(dataDir, { compactAfter: 5 });
    assert.deepEqual([store.get(created.id).lora, store.get(created.id).contextSize], [LORA, 512]);
    for (let i = 0; i < 8; i++) store.update(created.id, { title: `name ${i}` }); // past compactAfter
    store.close();
    const journal = readFileSync(join(dataDir, "conversations", `${created.id}.jsonl`), "utf8").trim().split("\n");
    assert.ok(journal.length < 12, "the journal was compacted into a snapshot");

    store = ConversationStore.open(dataDir);
    assert.deepEqual([store.get(created.id).lora, store.get(created.id).contextSize], [LORA, 512], "the snapshot keeps them");
    const cleared = store.update(created.id, { lora: null, contextSize: null });
    assert.deepEqual([cleared.lora, cleared.contextSize], [null, null]);
    const none = store.update(created.id, { lora: [] });
    assert.deepEqual(none.lora, [], "an empty list (no adapters) is not the same as no list");
    store.close();
    store = ConversationStore.open(dataDir);
    assert.deepEqual([store.get(created.id).lora, store.get(created.id).contextSize], [[], null]);
    store.close();
  }));

test("a journal written before adapters and caps existed opens with neither, and takes them on", () =>
  withDir((dataDir) => {
    const id = "old-journal";
    ConversationStore.open(dataDir).close();
    writeFileSync(join(dataDir, "conversations", `${id}.jsonl`), journalBeforeSettings(id));
    const store = ConversationStore.open(dataDir);
    const old = store.get(id);
    assert.deepEqual([old.lora, old.contextSize, old.messages.length], [null, null, 2]);
    assert.equal(old.messages[1]!.stats?.adapters, undefined, "an old answer names no adapters");
    assert.equal(store.update(id, { contextSize: 2048 }).contextSize, 2048);
    store.close();
  }));

test("a context cap out of range is refused with a sentence a person reads, and nothing changes", () =>
  withDir((dataDir) => {
    const store = ConversationStore.open(dataDir);
    const created = store.create({ contextSize: 4096 });
    for (const bad of [100, 2_000_000, 300.5]) {
      assert.throws(
        () => store.update(created.id, { contextSize: bad }),
        (err) => isEngineError(err, "INVALID_INPUT") && /^contextSize: Context size must be (between 256 and 1,048,576 tokens|a whole number of tokens)\.$/.test(err.message) && !/expected/.test(err.message),
      );
    }
    assert.equal(store.get(created.id).contextSize, 4096);
    store.close();
  }));
