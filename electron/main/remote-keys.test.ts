import { test } from "node:test";
import assert from "node:assert/strict";
import type { EngineClient } from "../../native/client/types.ts";
import { memorySecrets } from "./testing/memory-secrets.ts";
import { createKeychainKeys, REMOTE_KEYS_SECRET } from "./remote-keys.ts";

// The engine is a fake here (its side, RemoteKeys.hold, is tested in native/inference/remote-keys.test.ts):
// what is under test is what reaches the keychain, and in which order.
function fakeEngine(calls: { method: string; input: unknown }[], moved: Record<string, string> = {}): EngineClient {
  return {
    call: (async (method: string, input: unknown) => {
      calls.push({ method, input });
      if (method === "remote.attachKeys") return { moved };
      if (method === "remote.setKey") return { id: (input as { id: string }).id, hasKey: (input as { key: unknown }).key !== null };
      return {};
    }) as EngineClient["call"],
    onNotice: () => () => undefined,
    close: async () => undefined,
  };
}

const stored = (secrets: { values: Map<string, string> }) => JSON.parse(secrets.values.get(REMOTE_KEYS_SECRET) ?? "{}") as Record<string, string>;

test("attached: the keychain's keys go to the engine, the old file's are moved in, and each setKey is stored in the keychain first", async () => {
  const calls: { method: string; input: unknown }[] = [];
  const secrets = memorySecrets(true);
  secrets.values.set(REMOTE_KEYS_SECRET, JSON.stringify({ kept: "sk-kept" }));
  const keys = createKeychainKeys(fakeEngine(calls, { old: "sk-old", kept: "sk-stale" }), secrets, () => undefined);
  assert.equal(await keys.attach(), true);
  assert.deepEqual(calls[0], { method: "remote.attachKeys", input: { keys: { kept: "sk-kept" } } });
  assert.deepEqual(stored(secrets), { kept: "sk-kept", old: "sk-old" }, "the keychain's own key wins over the file's");

  await Promise.all([keys.client.call("remote.setKey", { id: "a", key: "sk-a" }), keys.client.call("remote.setKey", { id: "b", key: "sk-b" })]);
  await keys.client.call("remote.setKey", { id: "kept", key: null });
  assert.deepEqual(stored(secrets), { old: "sk-old", a: "sk-a", b: "sk-b" }, "two quick saves both land; a removed key is gone");
  assert.deepEqual(calls.slice(1).map((c) => c.method), ["remote.setKey", "remote.setKey", "remote.setKey"], "the engine saw each");
  await assert.rejects(keys.client.call("remote.setKey", { id: "", key: "x" } as never), "invalid input never reaches the keychain");
  assert.deepEqual(Object.keys(stored(secrets)), ["old", "a", "b"]);
});

test("without a strong keychain, or when it fails, nothing is attached and keys go to the engine's file", async () => {
  for (const secrets of [memorySecrets(false), memorySecrets(true, true)]) {
    const calls: { method: string; input: unknown }[] = [];
    const logs: string[] = [];
    const keys = createKeychainKeys(fakeEngine(calls), secrets, (l) => logs.push(l));
    assert.equal(await keys.attach(), false);
    await keys.client.call("remote.setKey", { id: "a", key: "sk-a" });
    assert.deepEqual(calls.map((c) => c.method), ["remote.setKey"]);
    assert.equal(secrets.values.size, 0);
    assert.match(logs[0] ?? "", /file only this user can read/);
  }
});
