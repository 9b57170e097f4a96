// The API server as the desktop app runs it: inside the engine, following the apiServer settings
// (started when enabled, restarted when its address or options change, stopped when switched off).
// Nothing starts until the app attaches it, so `enclave serve` and the web host never collide with
// it; the app hands over the token it keeps in the OS keychain, else a 0600 file is used.
import type { ApiServerStatus } from "../contract/completions.ts";
import type { ApiServerSettings } from "../contract/settings.ts";
import type { Router } from "../router/router.ts";
import { createRouterClient } from "./router-client.ts";
import { startApiServer, type StartedApiServer } from "./start.ts";
import { loadOrCreateToken, tokenFilePath } from "./token-file.ts";
import type { RequestLogEntry } from "./app.ts";
import type { BindPolicy } from "./bind-policy.ts";
import { Mutex } from "../util/mutex.ts";

export interface ApiServiceDeps {
  router: () => Router;
  dataDir: string;
  settings: () => ApiServerSettings;
  /** Request log hook (the integrator wires the audit log here). */
  onRequestLogged?: (entry: RequestLogEntry) => void;
  /** The managed policy on where the server may listen: required, the in-app server always follows it. */
  bindAllowed: BindPolicy;
}

export class ApiServerService {
  readonly #deps: ApiServiceDeps;
  readonly #lock = new Mutex();
  #token: { value: string; store: "keychain" | "file" } | undefined;
  #server: StartedApiServer | undefined;
  #applied: string | undefined;
  #error: string | null = null;

  constructor(deps: ApiServiceDeps) {
    this.#deps = deps;
  }

  async attach(token: string | undefined): Promise<ApiServerStatus> {
    this.#token = token ? { value: token, store: "keychain" } : { value: (await loadOrCreateToken(tokenFilePath(this.#deps.dataDir))).token, store: "file" };
    this.#applied = undefined; // a new token: restart
    return this.apply();
  }

  /** Brings the server in line with the settings (after attach and after every settings change). */
  apply(): Promise<ApiServerStatus> {
    return this.#lock.run(async () => {
      if (!this.#token) return this.status();
      const wanted = this.#deps.settings();
      const key = JSON.stringify(wanted);
      if (key === this.#applied) return this.status();
      await this.#stop();
      this.#applied = key;
      this.#error = null;
      if (!wanted.enabled) return this.status();
      try {
        this.#server = await startApiServer({
          client: createRouterClient(this.#deps.router),
          token: this.#token.value,
          host: wanted.host,
          port: wanted.port,
          // A host typed into Settings is the explicit choice; the managed policy still decides.
          allowRemote: true,
          corsOrigins: wanted.corsOrigins,
          metrics: wanted.metrics,
          bindAllowed: this.#deps.bindAllowed,
          ...(this.#deps.onRequestLogged && { onRequestLogged: this.#deps.onRequestLogged }),
        });
      } catch (err) {
        this.#error = err instanceof Error ? err.message : String(err);
      }
      return this.status();
    });
  }

  status(): ApiServerStatus {
    return {
      running: this.#server !== undefined,
      url: this.#server?.url ?? null,
      error: this.#error,
      token: this.#token?.value ?? null,
      tokenStore: this.#token?.store ?? null,
    };
  }

  async #stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    await server?.close();
  }

  async dispose(): Promise<void> {
    await this.#lock.run(() => this.#stop());
  }
}
