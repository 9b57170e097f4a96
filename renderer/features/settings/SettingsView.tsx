// Settings: appearance, privacy, chat defaults, performance and documents. Every change is saved
// at once; a refused value shows its reason under the field.
import { useEffect } from "react";
import { loadSettings, saveSettings, useSettingsStore } from "../../shared/settings/store.ts";
import type { Settings } from "../../../native/contract/settings.ts";
import type { Sampling } from "../../../native/contract/conversations.ts";
import { NumberField, SelectField, TextAreaField, ToggleField } from "./components/Fields.tsx";
import { ApiServerSection } from "./components/ApiServerSection.tsx";
import { RemoteModelsSection } from "./components/RemoteModelsSection.tsx";
import { setTheme, useThemeStore, type ThemeChoice } from "../../shared/theme.ts";
import { refreshModels, useModelsStore } from "../../shared/models/store.ts";
import { toastError } from "../../shared/app-store.ts";
import { DataSection } from "./components/DataSection.tsx";
import { AboutSection } from "./components/AboutSection.tsx";

function save(patch: Partial<Settings>) {
  saveSettings(patch).catch(toastError);
}

const samplingFields: { key: keyof Sampling; label: string; hint: string }[] = [
  { key: "temperature", label: "Temperature", hint: "0 to 5. Lower is more focused." },
  { key: "topP", label: "Top P", hint: "0 to 1." },
  { key: "topK", label: "Top K", hint: "Whole number; 0 turns it off." },
  { key: "minP", label: "Min P", hint: "0 to 1." },
  { key: "repeatPenalty", label: "Repeat penalty", hint: "0 to 5; 1 is none." },
  { key: "maxTokens", label: "Max answer tokens", hint: "Longest answer, in tokens." },
];

export function SettingsView() {
  const { settings, info } = useSettingsStore();
  const theme = useThemeStore((s) => s.theme);
  const groups = useModelsStore((s) => s.groups);
  const listed = useModelsStore((s) => s.listed);

  useEffect(() => {
    loadSettings().catch(toastError);
    if (!listed) refreshModels().catch(toastError);
  }, [listed]);

  if (!settings) return <div className="page" aria-busy="true" />;

  const variants = groups.flatMap((g) => g.variants).filter((v) => !v.error);
  const modelOptions = (kinds: string[]) => [
    { value: "", label: "None" },
    ...variants.filter((v) => kinds.includes(v.kind)).map((v) => ({ value: v.id, label: `${v.displayName}${v.quant ? ` (${v.quant})` : ""}` })),
  ];
  const withCurrent = (options: { value: string; label: string }[], current: string | null) =>
    current && !options.some((o) => o.value === current) ? [...options, { value: current, label: current }] : options;

  return (
    <div className="page settings">
      <header className="page-head">
        <h1>Settings</h1>
      </header>

      <section className="card" aria-labelledby="s-general">
        <h2 id="s-general">General</h2>
        <SelectField
          name="theme"
          label="Theme"
          value={theme}
          hint="System follows your operating system's light or dark mode."
          options={[
            { value: "system", label: "System" },
            { value: "light", label: "Light" },
            { value: "dark", label: "Dark" },
          ]}
          onCommit={(v) => setTheme(v as ThemeChoice)}
        />
        <div className="field">
          <span className="field-label">Data folder</span>
          <code className="path">{info?.dataDir ?? "—"}</code>
          <span className="field-hint">Conversations, the document index and settings live here.{info ? ` Engine ${info.version} on ${info.platform}/${info.arch}.` : ""}</span>
        </div>
      </section>

      <section className="card" aria-labelledby="s-privacy">
        <h2 id="s-privacy">Privacy</h2>
        <ToggleField name="offline" label="Offline mode" hint="Refuses every network action, including model downloads." checked={settings.offline} onCommit={(offline) => save({ offline })} />
      </section>

      <section className="card" aria-labelledby="s-chat">
        <h2 id="s-chat">Chat defaults</h2>
        <TextAreaField
          name="defaultSystemPrompt"
          label="Default system prompt"
          hint="Given to every new conversation."
          value={settings.defaultSystemPrompt}
          onCommit={(defaultSystemPrompt) => save({ defaultSystemPrompt })}
        />
        <div className="field-grid">
          {samplingFields.map((f) => (
            <NumberField
              key={f.key}
              name={`sampling.${f.key}`}
              label={f.label}
              hint={f.hint}
              value={settings.sampling[f.key] ?? null}
              emptyMeans="model default"
              onCommit={(v) => {
                const { [f.key]: _old, ...rest } = settings.sampling;
                save({ sampling: v === null ? rest : { ...rest, [f.key]: v } });
              }}
            />
          ))}
        </div>
      </section>

      <section className="card" aria-labelledby="s-perf">
        <h2 id="s-perf">Performance</h2>
        <div className="field-grid">
          <NumberField name="threads" label="Threads" hint={`Empty: measured per model on this machine${info ? ` (${info.cpus} cores)` : ""}.`} value={settings.threads} emptyMeans="auto" onCommit={(threads) => save({ threads })} />
          <NumberField name="contextSize" label="Context size" hint="Tokens per conversation window (128 or more)." value={settings.contextSize} required onCommit={(v) => v !== null && save({ contextSize: v })} />
          <SelectField
            name="gpuLayers"
            label="GPU layers"
            hint="Auto fits as many layers as free GPU memory allows."
            value={String(settings.gpuLayers)}
            options={[
              { value: "auto", label: "Auto" },
              { value: "max", label: "All (max)" },
              { value: "0", label: "None (CPU only)" },
              ...(typeof settings.gpuLayers === "number" && settings.gpuLayers > 0 ? [{ value: String(settings.gpuLayers), label: `${settings.gpuLayers} layers` }] : []),
            ]}
            onCommit={(v) => save({ gpuLayers: v === "auto" || v === "max" ? v : Number(v) })}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="s-docs">
        <h2 id="s-docs">Documents</h2>
        <SelectField
          name="embeddingModel"
          label="Embedding model"
          hint="None: search by words only. Changing it re-embeds collections when next ingested."
          value={settings.embeddingModel ?? ""}
          options={withCurrent(modelOptions(["embedding"]), settings.embeddingModel)}
          onCommit={(v) => save({ embeddingModel: v || null })}
        />
        <SelectField
          name="rerankerModel"
          label="Reranker model"
          hint="Optional: re-orders search results with a cross-encoder GGUF."
          value={settings.rerankerModel ?? ""}
          options={withCurrent(modelOptions(["embedding", "model"]), settings.rerankerModel)}
          onCommit={(v) => save({ rerankerModel: v || null })}
        />
        <ToggleField name="ocr" label="Read scanned pages (OCR)" hint="Slower ingestion, but pages without a text layer become searchable." checked={settings.ocr} onCommit={(ocr) => save({ ocr })} />
        <ToggleField
          name="multiQuery"
          label="Rewrite questions into the documents' languages"
          hint="Without an embedding model: the loaded chat model translates each search question (slower searches)."
          checked={settings.multiQuery}
          onCommit={(multiQuery) => save({ multiQuery })}
        />
      </section>

      <ApiServerSection value={settings.apiServer} save={save} />
      <RemoteModelsSection value={settings.remoteModels} offline={settings.offline} />
      <DataSection />
      <AboutSection info={info} />
    </div>
  );
}
