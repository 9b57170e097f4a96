// Secrets the app keeps for the user (the local API server's token), encrypted with the OS keychain
// through Electron's safeStorage and stored as one file per secret under userData/secrets/. The
// cipher is an interface so the store is tested with a fake; the app passes `safeStorage`.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EngineError } from "../../native/contract/errors.ts";

/** The subset of Electron's safeStorage used here. */
export interface SecretCipher {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only; "basic_text" means no keyring was found and the key is a hard-coded one. */
  getSelectedStorageBackend?(): string;
}

export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** False when secrets are only obfuscated (Linux without a keyring): the UI must say so. */
  isStrong(): boolean;
}

const NAME = /^[a-z][a-z0-9-]{0,63}$/;

export function createSecretStore(cipher: SecretCipher, userDataDir: string, platform: NodeJS.Platform = process.platform): SecretStore {
  const dir = join(userDataDir, "secrets");
  const fileOf = (name: string): string => {
    if (!NAME.test(name)) throw new EngineError("INVALID_INPUT", `Not a secret name: "${name}" (lower-case letters, digits and dashes).`);
    return join(dir, `${name}.bin`);
  };
  const requireEncryption = async (): Promise<void> => {
    if (!(await cipher.isAsyncEncryptionAvailable())) {
      throw new EngineError("PERMISSION_DENIED", "The system keychain is not available, so Enclave cannot store secrets safely.");
    }
  };
  const write = async (file: string, value: string): Promise<void> => {
    const encrypted = await cipher.encryptStringAsync(value);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Written beside, then renamed: a crash mid-write leaves the old secret, never half a file.
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, encrypted, { mode: 0o600 });
    await rename(temp, file);
  };

  return {
    async get(name) {
      const file = fileOf(name);
      let encrypted: Buffer;
      try {
        encrypted = await readFile(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
      await requireEncryption();
      const { result, shouldReEncrypt } = await cipher.decryptStringAsync(encrypted);
      // The keychain rotated its key: store the secret again under the new one.
      if (shouldReEncrypt) await write(file, result);
      return result;
    },
    async set(name, value) {
      const file = fileOf(name);
      await requireEncryption();
      await write(file, value);
    },
    async delete(name) {
      await rm(fileOf(name), { force: true });
    },
    isStrong() {
      return platform !== "linux" || cipher.getSelectedStorageBackend?.() !== "basic_text";
    },
  };
}
