// Everything the GGUF says about itself: identity, licence, context, template, the memory estimate.
import { closeDetails, useModelsStore, type ModelDetails } from "../../../shared/models/store.ts";
import { ramCell, vramCell } from "../../../shared/models/feedback.ts";
import { Dialog } from "../../../components/Dialog.tsx";
import { formatBytes, formatParams, sourceLabel } from "../../../shared/format.ts";
import { FitBadge } from "../../../shared/models/components/FitBadge.tsx";

export function ModelDetailsDialog({ onLoad }: { onLoad: (model: ModelDetails) => void }) {
  const details = useModelsStore((s) => s.details);
  const loadedId = useModelsStore((s) => s.loaded?.model.id ?? null);
  const busy = useModelsStore((s) => s.loading !== null);
  if (!details) return null;
  const loadable = details.kind === "model" && !details.error && details.id !== loadedId;
  const rows: [string, string][] = [
    ["File", details.path],
    ["Found in", sourceLabel[details.source] ?? details.source],
    ["Architecture", details.architecture ?? "—"],
    ["Parameters", formatParams(details.parameterCount) ?? "—"],
    ["Quantization", details.quant ?? "—"],
    ["File size", formatBytes(details.sizeBytes)],
    ["Training context", details.contextLength ? `${details.contextLength.toLocaleString()} tokens` : "—"],
    ["Licence", details.license ?? "Not stated in the file"],
    ["SHA-256", details.sha256 ?? "Not computed yet"],
  ];
  if (details.estimate) {
    const known = details.estimate.ramBytes > 0;
    rows.push(["Estimated RAM", known ? `${ramCell(details.estimate)} at ${details.estimate.contextSize.toLocaleString()} tokens of context` : "unknown (the file could not be measured)"]);
    rows.push(["Estimated VRAM", vramCell(details.estimate)]);
  }
  if (details.measured) {
    const m = details.measured;
    rows.push([
      "Measured RAM",
      `${formatBytes(m.ramBytes)} when loaded on ${new Date(m.measuredAt).toLocaleDateString()} at ${m.contextSize.toLocaleString()} tokens of context${m.gpuLayers > 0 ? `, ${m.gpuLayers} layers on the GPU` : ""} (the context's cache grows as a conversation fills it)`,
    ]);
  } else if (details.kind === "model" && !details.error) {
    rows.push(["Measured RAM", "not yet: measured the first time this file is loaded"]);
  }
  return (
    <Dialog title={details.displayName} onClose={closeDetails} wide actions={
        <>
          <button type="button" className="btn" onClick={closeDetails}>
            Close
          </button>
          {loadable && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => {
                closeDetails();
                onLoad(details);
              }}
            >
              Load this model
            </button>
          )}
        </>
      }
    >
      {details.error && <p className="error-text">This file could not be read: {details.error}</p>}
      <dl className="meta">
        {rows.map(([k, v]) => (
          <div key={k} className="meta-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div className="meta-row">
          <dt>Fit</dt>
          <dd>
            <FitBadge estimate={details.estimate} />
          </dd>
        </div>
      </dl>
      {details.chatTemplate && (
        <details className="template">
          <summary>Chat template</summary>
          <pre>{details.chatTemplate}</pre>
        </details>
      )}
    </Dialog>
  );
}
