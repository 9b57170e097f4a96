import { test } from "node:test";
import assert from "node:assert/strict";
import { checkBind, isLoopbackHost, setBindPolicy } from "./bind-policy.ts";
import { isEngineError } from "../contract/errors.ts";

test("loopback binds pass unless the policy turns the server off; others need the explicit flag and the policy's yes", async () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) assert.equal(isLoopbackHost(host), true, host);
  for (const host of ["0.0.0.0", "::", "192.168.1.4", "example.com"]) assert.equal(isLoopbackHost(host), false, host);
  await checkBind("127.0.0.1", { allowRemote: false });
  await assert.rejects(checkBind("0.0.0.0", { allowRemote: false }), (err) => isEngineError(err, "PERMISSION_DENIED") && /--allow-remote/.test(err.message));
  await checkBind("0.0.0.0", { allowRemote: true });
  setBindPolicy((host) => isLoopbackHost(host));
  try {
    await assert.rejects(checkBind("0.0.0.0", { allowRemote: true }), (err) => isEngineError(err, "POLICY_DENIED") && /policy does not allow the API server to listen on 0\.0\.0\.0/.test(err.message));
    await checkBind("127.0.0.1", { allowRemote: false });
    setBindPolicy(() => false);
    await assert.rejects(checkBind("127.0.0.1", { allowRemote: false }), (err) => isEngineError(err, "POLICY_DENIED") && /turns the API server off/.test(err.message));
  } finally {
    setBindPolicy(() => true);
  }
});
