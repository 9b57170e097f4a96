import { test } from "node:test";
import assert from "node:assert/strict";
import { checkBind, isLoopbackHost } from "./bind-policy.ts";
import { startApiServer } from "./start.ts";
import type { EngineClient } from "../client/types.ts";
import { isEngineError } from "../contract/errors.ts";

test("loopback binds pass unless the policy turns the server off; others need the explicit flag and the policy's yes", async () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) assert.equal(isLoopbackHost(host), true, host);
  for (const host of ["0.0.0.0", "::", "192.168.1.4", "example.com"]) assert.equal(isLoopbackHost(host), false, host);
  await checkBind("127.0.0.1", { allowRemote: false });
  await assert.rejects(checkBind("0.0.0.0", { allowRemote: false }), (err) => isEngineError(err, "PERMISSION_DENIED") && /--allow-remote/.test(err.message));
  await checkBind("0.0.0.0", { allowRemote: true });
  const loopbackOnly = (host: string) => isLoopbackHost(host);
  await assert.rejects(checkBind("0.0.0.0", { allowRemote: true, bindAllowed: loopbackOnly }), (err) => isEngineError(err, "POLICY_DENIED") && /policy does not allow the API server to listen on 0\.0\.0\.0/.test(err.message));
  await checkBind("127.0.0.1", { allowRemote: false, bindAllowed: loopbackOnly });
  await assert.rejects(checkBind("127.0.0.1", { allowRemote: false, bindAllowed: async () => false }), (err) => isEngineError(err, "POLICY_DENIED") && /turns the API server off/.test(err.message));
});

test("startApiServer asks the policy it is given, before it listens; one server's policy is not another's", async () => {
  // The bind check comes before the server is built, so a refused start never touches the client;
  // the allowed start serves nothing in this test, so no engine is needed either.
  const client = {} as EngineClient;
  const asked: string[] = [];
  await assert.rejects(
    startApiServer({ client, token: "sk-enclave-bind-test-0001", host: "127.0.0.1", port: 0, bindAllowed: (host) => (asked.push(host), false) }),
    (err) => isEngineError(err, "POLICY_DENIED"),
  );
  assert.deepEqual(asked, ["127.0.0.1"]);
  const server = await startApiServer({ client, token: "sk-enclave-bind-test-0001", host: "127.0.0.1", port: 0 });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  } finally {
    await server.close();
  }
});
