// About: what this build is made of (the versions a patch-tracking team asks for, from engine.info)
// and the third-party licence texts generated into the build (dist/renderer/third-party-licenses.txt,
// served beside the page by app:// and by the web host), loaded only when opened.
import { useState } from "react";
import type { EngineInfo } from "../../../../native/contract/system.ts";

export const LICENSES_URL = "third-party-licenses.txt";

type Notices = { state: "closed" } | { state: "loading" } | { state: "shown"; text: string } | { state: "missing"; reason: string };

export async function fetchNotices(fetcher: typeof fetch = fetch): Promise<Notices> {
  try {
    const response = await fetcher(LICENSES_URL);
    if (!response.ok) return { state: "missing", reason: `not part of this build (HTTP ${response.status}); \`npm run build:licenses\` generates it` };
    return { state: "shown", text: await response.text() };
  } catch (err) {
    return { state: "missing", reason: err instanceof Error ? err.message : String(err) };
  }
}

export function AboutSection({ info }: { info: EngineInfo | null }) {
  const [notices, setNotices] = useState<Notices>({ state: "closed" });
  const c = info?.components;
  const rows: [string, string | null | undefined][] = [
    ["Enclave", c?.app ?? info?.version],
    ["Electron", c ? (c.electron ?? "none (browser or CLI host)") : undefined],
    ["Node", c?.node ?? info?.node],
    ["node-llama-cpp", c?.nodeLlamaCpp],
    ["llama.cpp", c?.llamaCpp],
    ["LanceDB", c?.lancedb],
    ["Build", c?.commit],
  ];
  const toggle = (open: boolean) => {
    if (!open) return setNotices({ state: "closed" });
    if (notices.state !== "closed") return;
    setNotices({ state: "loading" });
    void fetchNotices().then(setNotices);
  };
  return (
    <section className="card" aria-labelledby="s-about">
      <h2 id="s-about">About</h2>
      <dl className="about-versions">
        {rows
          .filter((row): row is [string, string] => typeof row[1] === "string")
          .map(([label, value]) => (
            <div key={label} className="field">
              <dt className="field-label">{label}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
      </dl>
      <details onToggle={(e) => toggle(e.currentTarget.open)}>
        <summary>Third-party licences</summary>
        {notices.state === "loading" && <p aria-busy="true">Loading…</p>}
        {notices.state === "missing" && <p className="field-hint">The licence texts are {notices.reason}.</p>}
        {notices.state === "shown" && (
          <pre className="source-text" tabIndex={0} aria-label="Third-party licence texts" style={{ maxHeight: "24rem", overflow: "auto", whiteSpace: "pre-wrap" }}>
            {notices.text}
          </pre>
        )}
      </details>
    </section>
  );
}
