import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, stat, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrCreateToken } from "./token-file.ts";
import { createTokenCheck } from "./auth.ts";

test("the token is generated once, kept 0600, and the same on the next start", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-token-"));
  try {
    const path = join(dir, "sub", "api-token");
    const first = await loadOrCreateToken(path);
    assert.equal(first.created, true);
    assert.match(first.token, /^sk-enclave-[A-Za-z0-9_-]{32}$/);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    await chmod(path, 0o644);
    const second = await loadOrCreateToken(path);
    assert.deepEqual(second, { token: first.token, created: false });
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the bearer check accepts only the token", () => {
  const check = createTokenCheck("sk-enclave-0123456789abcdef");
  assert.doesNotThrow(() => check("Bearer sk-enclave-0123456789abcdef"));
  assert.throws(() => check(undefined), (err: { status: number; code: string | null }) => err.status === 401 && err.code === null);
  assert.throws(() => check("Bearer nope"), (err: { status: number; code: string | null }) => err.status === 401 && err.code === "invalid_api_key");
  assert.throws(() => createTokenCheck("short"));
});
