// Settings → Local API server: the switch, where it listens (with a copy button), the token other
// programs need (shown on request, copyable), and its options. Off and loopback-only by default.
import { useEffect, useState } from "react";
import type { ApiServerSettings, Settings } from "../../../../native/contract/settings.ts";
import type { ApiServerStatus } from "../../../../native/contract/completions.ts";
import { api } from "../../../services/api.ts";
import { toastError } from "../../../shared/app-store.ts";
import { NumberField, TextAreaField, ToggleField } from "./Fields.tsx";

function copy(text: string): void {
  navigator.clipboard.writeText(text).catch(toastError);
}

export function ApiServerSection({ value, save }: { value: ApiServerSettings; save: (patch: Partial<Settings>) => void }) {
  const [status, setStatus] = useState<ApiServerStatus | null>(null);
  const [showToken, setShowToken] = useState(false);
  const [host, setHost] = useState(value.host);
  useEffect(() => {
    setHost(value.host);
    api().invoke("apiServer.status", {}).then(setStatus).catch(toastError);
  }, [value]);
  const update = (patch: Partial<ApiServerSettings>): void => save({ apiServer: { ...value, ...patch } });

  return (
    <section className="card" aria-labelledby="s-api">
      <h2 id="s-api">Local API server</h2>
      <ToggleField
        name="apiServer.enabled"
        label="Serve an OpenAI-compatible API"
        hint="Programs on this machine can use the loaded model at the address below with the token. Starts with the app while on."
        checked={value.enabled}
        onCommit={(enabled) => update({ enabled })}
      />
      {status?.running && status.url ? (
        <div className="field">
          <span className="field-label">Address</span>
          <code className="path">{status.url}</code>{" "}
          <button type="button" className="btn btn-small" onClick={() => copy(status.url!)}>
            Copy address
          </button>
        </div>
      ) : null}
      {status?.error ? (
        <p className="field-error" role="alert">
          The API server could not start: {status.error}
        </p>
      ) : null}
      {status?.token ? (
        <div className="field">
          <span className="field-label">Token</span>
          <code className="path">{showToken ? status.token : "•".repeat(24)}</code>{" "}
          <button type="button" className="btn btn-small" onClick={() => setShowToken(!showToken)}>
            {showToken ? "Hide" : "Show"}
          </button>{" "}
          <button type="button" className="btn btn-small" onClick={() => copy(status.token!)}>
            Copy token
          </button>
          <span className="field-hint">
            Send it as "Authorization: Bearer …" (the api_key of OpenAI clients). Kept {status.tokenStore === "keychain" ? "in the system keychain" : "in a file only you can read"}.
          </span>
        </div>
      ) : null}
      <div className="field-grid">
        <div className="field">
          <label htmlFor="setting-apiServer.host">Listen on</label>
          <input id="setting-apiServer.host" value={host} onChange={(e) => setHost(e.target.value)} onBlur={() => host !== value.host && update({ host: host.trim() })} />
          <span className="field-hint">127.0.0.1 keeps it on this machine. Another address opens it to the network (if your organisation allows it).</span>
        </div>
        <NumberField name="apiServer.port" label="Port" value={value.port} required onCommit={(port) => port !== null && update({ port })} />
      </div>
      <TextAreaField
        name="apiServer.corsOrigins"
        label="Allowed browser origins"
        hint="One per line, e.g. http://localhost:3000. Empty: web pages cannot call the API."
        value={value.corsOrigins.join("\n")}
        onCommit={(text) => update({ corsOrigins: text.split("\n").map((o) => o.trim()).filter(Boolean) })}
      />
      <ToggleField name="apiServer.metrics" label="Prometheus metrics" hint="Serves /metrics (behind the token): requests, tokens, speed, queue." checked={value.metrics} onCommit={(metrics) => update({ metrics })} />
    </section>
  );
}
