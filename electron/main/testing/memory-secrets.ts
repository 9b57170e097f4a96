// A keychain for tests of what the app keeps in it: values in a Map, optionally weak (Linux without a
// keyring) or failing (a locked keychain).
import type { SecretStore } from "../secrets.ts";

export function memorySecrets(strong: boolean, failing = false): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (name) => (failing ? Promise.reject(new Error("locked")) : (values.get(name) ?? null)),
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
    isStrong: () => strong,
  };
}
