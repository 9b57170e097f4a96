// One quantization of a model: size, memory estimate, verdict, and its actions.
import type { Variant } from "../../../shared/models/store.ts";
import { formatBytes, sourceLabel } from "../../../shared/format.ts";
import { FitBadge } from "../../../shared/models/components/FitBadge.tsx";
import { ramCell, vramCell } from "../../../shared/models/feedback.ts";
import { fileName } from "../../../shared/format.ts";
import { IconButton } from "../../../components/IconButton.tsx";

export interface VariantRowProps {
  variant: Variant;
  isLoaded: boolean;
  isLoading: boolean;
  busy: boolean;
  onLoad: (v: Variant) => void;
  onDetails: (v: Variant) => void;
}

export function VariantRow({ variant, isLoaded, isLoading, busy, onLoad, onDetails }: VariantRowProps) {
  const estimate = variant.estimate;
  const loadable = variant.kind === "model" && !variant.error;
  return (
    <tr className={isLoaded ? "variant variant-loaded" : "variant"}>
      <th scope="row" className="variant-quant">
        {variant.quant ?? <span title="The file does not record a quantization type">—</span>}
        {variant.kind !== "model" && <span className="tag">{variant.kind === "adapter" ? "LoRA" : "Embedding"}</span>}
      </th>
      {/* The file's name tells two variants of the same quant apart (issue 12). */}
      <td className="variant-file" title={variant.path}>
        <span className="variant-file-name">{fileName(variant.path)}</span> <span className="muted">{formatBytes(variant.sizeBytes)}</span>
      </td>
      <td>{ramCell(estimate)}</td>
      <td>{vramCell(estimate)}</td>
      <td>
        <FitBadge estimate={estimate} />
      </td>
      <td className="variant-source" title={variant.path}>
        {sourceLabel[variant.source] ?? variant.source}
      </td>
      <td>
        <div className="variant-actions">
        {variant.error ? (
          <span className="error-text" title={variant.error}>
            Unreadable
          </span>
        ) : isLoaded ? (
          <span className="loaded-mark">Loaded</span>
        ) : loadable ? (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => onLoad(variant)} aria-label={`Load ${variant.displayName}`}>
            {isLoading ? "Loading…" : "Load"}
          </button>
        ) : null}
        <IconButton icon="info" label={`Details of ${variant.displayName}`} onClick={() => onDetails(variant)} />
        </div>
      </td>
    </tr>
  );
}
