import { test } from "node:test";
import assert from "node:assert/strict";
import { attachApiServer } from "./api-server.ts";
import type { EngineClient } from "../../native/client/types.ts";
import { memorySecrets } from "./testing/memory-secrets.ts";

// The engine is a fake here: only the token handed over is under test (the attach itself is
// covered against the real engine in test/api-server-settings.test.ts).
function fakeClient(calls: unknown[]): EngineClient {
  return {
    call: (async (method: string, input: unknown) => {
      calls.push({ method, input });
      return { running: true, url: "http://127.0.0.1:8377/v1", error: null, token: "x", tokenStore: "keychain" };
    }) as EngineClient["call"],
    onNotice: () => () => undefined,
    close: async () => undefined,
  };
}

test("a keychain token is generated once and handed to the engine", async () => {
  const calls: { input: { token?: string } }[] = [];
  const secrets = memorySecrets(true);
  await attachApiServer(fakeClient(calls), secrets, () => undefined);
  await attachApiServer(fakeClient(calls), secrets, () => undefined);
  const token = secrets.values.get("api-server-token");
  assert.match(token ?? "", /^sk-enclave-/);
  assert.deepEqual(calls.map((c) => c.input.token), [token, token]);
});

test("without a strong keychain, or when it fails, the engine keeps the token in its 0600 file", async () => {
  const calls: { input: { token?: string } }[] = [];
  const logs: string[] = [];
  await attachApiServer(fakeClient(calls), memorySecrets(false), () => undefined);
  await attachApiServer(fakeClient(calls), memorySecrets(true, true), (l) => logs.push(l));
  assert.deepEqual(calls.map((c) => c.input.token), [undefined, undefined]);
  assert.match(logs[0] ?? "", /keychain failed/);
});
