// "Evaluate" in Documents: pick a question set (JSONL or CSV: question, file, page, optional answer)
// and measure how well search finds the expected page in this collection — the same figures as
// `enclave eval`. Shows hit@1, hit@5 and MRR page-exact and same-file, and each miss.
import { useState } from "react";
import type { EvalReport } from "../../../../native/contract/rag-eval.ts";
import { cancelEvaluation, clearEvaluation, runEvaluation, useEvaluateStore, type EvalMode } from "./store.ts";
import { ModelEvalSection } from "./models/ModelEvalSection.tsx";

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function EvaluatePanel({ collection, hybridAvailable, disabled }: { collection: string; hybridAvailable: boolean; disabled: boolean }) {
  const { running, report, error } = useEvaluateStore();
  const [file, setFile] = useState<File | null>(null);
  const [k, setK] = useState(5);
  const [mode, setMode] = useState<EvalMode>(hybridAvailable ? "hybrid" : "fulltext");

  return (
    <section className="evaluate-panel" aria-label="Evaluate retrieval">
      <h3>Evaluate</h3>
      <p className="muted">
        Measure how often search puts the right page first. Choose a <code>.jsonl</code> or <code>.csv</code> file whose records name a <code>question</code>, the{" "}
        <code>file</code> that answers it and its <code>page</code> (empty for files without pages).
      </p>
      <div className="evaluate-controls">
        <label>
          Question set{" "}
          <input type="file" accept=".jsonl,.ndjson,.csv" disabled={running !== null} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          Results per question{" "}
          <select value={k} disabled={running !== null} onChange={(e) => setK(Number(e.target.value))}>
            {[1, 3, 5, 10, 20].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search{" "}
          <select value={mode} disabled={running !== null} onChange={(e) => setMode(e.target.value as EvalMode)}>
            <option value="fulltext">Full text</option>
            <option value="hybrid" disabled={!hybridAvailable}>
              Hybrid (needs an embedding model)
            </option>
          </select>
        </label>
        {running ? (
          <button type="button" className="btn" disabled={running.cancelling} onClick={cancelEvaluation}>
            {running.cancelling ? "Cancelling…" : "Cancel"}
          </button>
        ) : (
          <button type="button" className="btn btn-primary" disabled={disabled || file === null} onClick={() => file && void runEvaluation(file, collection, { k, mode })}>
            Run evaluation
          </button>
        )}
        {report && !running && (
          <button type="button" className="btn" onClick={clearEvaluation}>
            Clear
          </button>
        )}
      </div>
      {running && (
        <p role="status">
          Evaluating… {running.total !== null ? `question ${running.done} of ${running.total}` : ""}
        </p>
      )}
      {error && (
        <p className="documents-error" role="alert">
          {error}
        </p>
      )}
      {report && <EvaluateReport report={report} />}
      <ModelEvalSection collection={collection} file={file} k={k} mode={mode} disabled={disabled || running !== null} />
    </section>
  );
}

export function EvaluateReport({ report }: { report: EvalReport }) {
  return (
    <div className="evaluate-report">
      <p>
        {report.questions} questions · {report.mode === "fulltext" ? "full text" : report.mode} · top {report.k} · {(report.ms / 1000).toFixed(1)} s
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Counted at</th>
            <th scope="col">hit@1</th>
            <th scope="col">hit@5</th>
            <th scope="col">MRR</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">The expected page</th>
            <td>{pct(report.pageExact.hitAt1)}</td>
            <td>{pct(report.pageExact.hitAt5)}</td>
            <td>{report.pageExact.mrr.toFixed(3)}</td>
          </tr>
          <tr>
            <th scope="row">Any page of the expected file</th>
            <td>{pct(report.sameFile.hitAt1)}</td>
            <td>{pct(report.sameFile.hitAt5)}</td>
            <td>{report.sameFile.mrr.toFixed(3)}</td>
          </tr>
        </tbody>
      </table>
      {report.misses.length > 0 && (
        <details>
          <summary>
            {report.misses.length} {report.misses.length === 1 ? "question" : "questions"} not answered at the expected page
          </summary>
          <ul className="evaluate-misses">
            {report.misses.map((m) => (
              <li key={m.line}>
                <strong>{m.question}</strong> (line {m.line}) — expected {m.expected.file}
                {m.expected.page !== null ? ` p. ${m.expected.page}` : ""}; first: {m.first ? `${m.first.file} p. ${m.first.page}` : "nothing"}
                {m.sameFileRank !== null ? ` (right file at rank ${m.sameFileRank}, another page)` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
