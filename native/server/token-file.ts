// The API token for headless use: generated on first start, kept in a file only its owner can read
// (0600). The desktop app keeps it with the OS keychain instead (electron/main/secrets.ts).
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export const tokenFilePath = (dataDir: string): string => join(dataDir, "api-token");

export function generateToken(): string {
  return `sk-enclave-${randomBytes(24).toString("base64url")}`;
}

/** The stored token, or a new one written with mode 0600. `created` says which. */
export async function loadOrCreateToken(path: string): Promise<{ token: string; created: boolean }> {
  try {
    const token = (await readFile(path, "utf8")).trim();
    if (token) {
      await chmod(path, 0o600); // tighten a file someone loosened
      return { token, created: false };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const token = generateToken();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: "w" });
  await chmod(path, 0o600);
  return { token, created: true };
}
