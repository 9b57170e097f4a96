import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isEngineError } from "../../native/contract/errors.ts";
import { createSecretStore, type SecretCipher } from "./secrets.ts";

/** A reversible stand-in for the OS keychain: XOR with a key, so the file is never the plain text. */
function fakeCipher(options: { available?: boolean; backend?: string; reEncrypt?: boolean } = {}) {
  let encryptions = 0;
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  const cipher: SecretCipher = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (text) => {
      encryptions++;
      return xor(Buffer.from(text, "utf8"));
    },
    decryptStringAsync: async (data) => ({ result: xor(data).toString("utf8"), shouldReEncrypt: options.reEncrypt ?? false }),
    getSelectedStorageBackend: () => options.backend ?? "gnome_libsecret",
  };
  return { cipher, encryptions: () => encryptions };
}

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), "enclave-secrets-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("a secret round-trips, encrypted on disk with owner-only permissions", () =>
  withDir(async (dir) => {
    const store = createSecretStore(fakeCipher().cipher, dir, "linux");
    assert.equal(await store.get("api-token"), null);
    await store.set("api-token", "s3cret-token");
    assert.equal(await store.get("api-token"), "s3cret-token");
    const raw = await readFile(join(dir, "secrets", "api-token.bin"));
    assert.equal(raw.includes(Buffer.from("s3cret-token")), false);
    if (process.platform !== "win32") assert.equal((await stat(join(dir, "secrets", "api-token.bin"))).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(join(dir, "secrets")), ["api-token.bin"], "no temp file left behind");
    await store.delete("api-token");
    assert.equal(await store.get("api-token"), null);
    await store.delete("api-token"); // deleting what is gone is fine
  }));

test("without a keychain nothing is stored, and the error says why", () =>
  withDir(async (dir) => {
    const store = createSecretStore(fakeCipher({ available: false }).cipher, dir, "linux");
    await assert.rejects(store.set("api-token", "x"), (e) => isEngineError(e, "PERMISSION_DENIED") && /keychain/.test(e.message));
    await assert.rejects(readdir(join(dir, "secrets")));
  }));

test("a rotated keychain key re-encrypts the secret on read", () =>
  withDir(async (dir) => {
    const fake = fakeCipher({ reEncrypt: true });
    const store = createSecretStore(fake.cipher, dir, "darwin");
    await store.set("api-token", "abc");
    assert.equal(await store.get("api-token"), "abc");
    assert.equal(fake.encryptions(), 2);
  }));

test("bad names are refused before touching the disk", () =>
  withDir(async (dir) => {
    const store = createSecretStore(fakeCipher().cipher, dir);
    for (const name of ["../escape", "API", "", "a/b", "x".repeat(65)]) {
      await assert.rejects(store.set(name, "v"), (e) => isEngineError(e, "INVALID_INPUT"), name);
    }
  }));

test("Linux's basic_text backend is reported as weak; keyrings and other platforms as strong", () => {
  assert.equal(createSecretStore(fakeCipher({ backend: "basic_text" }).cipher, "/x", "linux").isStrong(), false);
  assert.equal(createSecretStore(fakeCipher({ backend: "kwallet5" }).cipher, "/x", "linux").isStrong(), true);
  assert.equal(createSecretStore(fakeCipher({ backend: "basic_text" }).cipher, "/x", "win32").isStrong(), true);
});
