// At app start (and after an engine restart), hands the engine the API server's token from the OS
// keychain, so the server runs whenever Settings enable it. Without a real keychain (Linux with the
// basic_text backend, or none) the engine keeps the token in a 0600 file instead, and says so.
import type { EngineClient } from "../../native/client/types.ts";
import { generateToken } from "../../native/server/token-file.ts";
import type { SecretStore } from "./secrets.ts";

export const API_TOKEN_SECRET = "api-server-token";

export async function attachApiServer(client: EngineClient, secrets: SecretStore, log: (line: string) => void): Promise<void> {
  let token: string | undefined;
  if (secrets.isStrong()) {
    try {
      token = (await secrets.get(API_TOKEN_SECRET)) ?? undefined;
      if (!token) {
        token = generateToken();
        await secrets.set(API_TOKEN_SECRET, token);
      }
    } catch (err) {
      log(`API server token: the keychain failed (${err instanceof Error ? err.message : String(err)}); using a file only this user can read`);
      token = undefined;
    }
  }
  const status = await client.call("apiServer.attach", token ? { token } : {});
  if (status.running) log(`API server listening on ${status.url}`);
  else if (status.error) log(`API server could not start: ${status.error}`);
}
