// Every measured figure per variant, with the action the lab is for: switch to this variant.
import type { QuantLabReport } from "../../../native/contract/quant-lab.ts";
import { formatBytes } from "../../shared/format.ts";

export interface ResultsTableProps {
  report: QuantLabReport;
  loadedId: string | null;
  busy: boolean;
  onSwitch: (modelId: string) => void;
}

export function ResultsTable({ report, loadedId, busy, onSwitch }: ResultsTableProps) {
  return (
    <table className="variants lab-table">
      <caption className="muted">
        {report.sampleTokens} tokens of the sample scored; speed with {report.results[0]?.threads ?? "?"} thread(s). KL divergence and top-token agreement are against the
        reference (the largest file).
      </caption>
      <thead>
        <tr>
          <th scope="col">Variant</th>
          <th scope="col">Decode</th>
          <th scope="col">Prefill</th>
          <th scope="col">Memory (measured / estimate)</th>
          <th scope="col">Perplexity</th>
          <th scope="col">KL</th>
          <th scope="col">Top token same</th>
          <th scope="col"><span className="sr-only">Action</span></th>
        </tr>
      </thead>
      <tbody>
        {report.results.map((r) => (
          <tr key={r.modelId}>
            <th scope="row">
              {r.quant ?? r.displayName}
              {r.reference && <span className="badge lab-badge">reference</span>}
              {r.cached && <span className="badge lab-badge-muted" title={`Measured ${new Date(r.measuredAt).toLocaleString()}`}>cached</span>}
            </th>
            <td>{r.decodeTokensPerSecond.toFixed(1)} tok/s</td>
            <td>{r.prefillTokensPerSecond.toFixed(0)} tok/s</td>
            <td>
              {formatBytes(r.measuredRamBytes)} / {r.estimatedRamBytes === null ? "—" : formatBytes(r.estimatedRamBytes)}
            </td>
            <td>{r.perplexity.toFixed(2)}</td>
            <td>{r.reference ? "—" : r.klDivergence.toFixed(4)}</td>
            <td>{(r.topTokenAgreement * 100).toFixed(0)}%</td>
            <td>
              {r.modelId === loadedId ? (
                <span className="muted">Loaded</span>
              ) : (
                <button type="button" className="btn btn-small" disabled={busy} onClick={() => onSwitch(r.modelId)} aria-label={`Switch to this (${r.quant ?? r.displayName})`}>
                  Switch to this
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
