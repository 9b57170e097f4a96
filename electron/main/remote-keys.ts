// In the desktop app the remote models' API keys live in the OS keychain (one secret holding them
// all, since model ids are not secret names). At start, and after an engine restart, the app hands
// them to the engine, which then holds them in memory only; keys the engine's 0600 file still had
// (from before) come back and are moved into the keychain. Every `remote.setKey` a window makes is
// stored in the keychain before the engine sees it (keychainKeysClient). Without a strong keychain
// (Linux with no keyring) nothing is attached and the engine keeps its 0600 file, and says so.
import type { EngineClient } from "../../native/client/types.ts";
import { remoteMethods } from "../../native/contract/completions.ts";
import type { SecretStore } from "./secrets.ts";

export const REMOTE_KEYS_SECRET = "remote-model-keys";

export interface KeychainKeys {
  /** Hands the keychain's keys to the engine; false when the keychain is weak or failed (file kept). */
  attach(): Promise<boolean>;
  /** The client windows talk through: `remote.setKey` goes to the keychain first once attached. */
  client: EngineClient;
}

export function createKeychainKeys(engine: EngineClient, secrets: SecretStore, log: (line: string) => void): KeychainKeys {
  let attached = false;
  // Keychain writes one at a time: two quick saves must not drop one another's key.
  let writes: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<Record<string, string>> => {
    const text = await secrets.get(REMOTE_KEYS_SECRET);
    return text ? (JSON.parse(text) as Record<string, string>) : {};
  };
  const update = (change: (keys: Record<string, string>) => void): Promise<void> => {
    const next = writes.then(async () => {
      const keys = await read();
      change(keys);
      await secrets.set(REMOTE_KEYS_SECRET, JSON.stringify(keys));
    });
    writes = next.catch(() => undefined);
    return next;
  };

  const client: EngineClient = {
    call: (async (method: string, input: unknown, options?: Parameters<EngineClient["call"]>[2]) => {
      if (attached && method === "remote.setKey") {
        const { id, key } = remoteMethods["remote.setKey"].input.parse(input);
        await update((keys) => {
          if (key === null) delete keys[id];
          else keys[id] = key;
        });
      }
      return engine.call(method as "remote.setKey", input as never, options);
    }) as EngineClient["call"],
    onNotice: (listener) => engine.onNotice(listener),
    close: () => engine.close(),
  };

  return {
    client,
    async attach() {
      if (!secrets.isStrong()) {
        log("Remote model keys: no strong system keychain; the engine keeps them in a file only this user can read");
        return false;
      }
      let keys: Record<string, string>;
      try {
        keys = await read();
      } catch (err) {
        log(`Remote model keys: the keychain failed (${err instanceof Error ? err.message : String(err)}); the engine keeps them in a file only this user can read`);
        return false;
      }
      const { moved } = await engine.call("remote.attachKeys", { keys });
      attached = true; // from here the engine keeps no file: every change must reach the keychain
      if (Object.keys(moved).length) {
        await update((stored) => {
          for (const [id, key] of Object.entries(moved)) stored[id] ??= key;
        }).catch((err: unknown) => log(`Remote model keys: ${Object.keys(moved).length} key(s) from the old file could not be moved to the keychain (${String(err)}); they work until Enclave quits`));
      }
      return true;
    },
  };
}
