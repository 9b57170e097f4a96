// The running ingest: overall bar with files done and ETA, one bar per file with its phase, pages,
// OCR pages and passages embedded (files in progress first, then the latest finished), and Cancel.
import { ProgressBar } from "../../components/ProgressBar.tsx";
import { describeFile, formatEta, visibleFiles, type IngestRun } from "./progress.ts";
import { fileName } from "../../shared/format.ts";
import { cancelIngest } from "./store.ts";

export function IngestProgressPanel({ run }: { run: IngestRun }) {
  const eta = formatEta(run.etaMs);
  const { files, hidden } = visibleFiles(run);
  const counted = run.filesTotal === null ? "Looking for files…" : `${run.filesDone} of ${run.filesTotal} files`;
  return (
    <section className="ingest-panel" aria-label={`Adding documents to ${run.collection}`}>
      <div className="ingest-head">
        <strong>Adding to “{run.collection}”</strong>
        <span className="muted">
          {counted}
          {eta && ` · ${eta}`}
        </span>
        <button type="button" className="btn" onClick={cancelIngest} disabled={run.cancelling}>
          {run.cancelling ? "Cancelling…" : "Cancel"}
        </button>
      </div>
      <ProgressBar label="Overall progress" fraction={run.fraction} />
      <ul className="ingest-files">
        {files.map((file) => (
          <li key={file.path} className={`ingest-file phase-${file.phase}`}>
            <div className="ingest-file-name" title={file.path}>
              {fileName(file.path)}
            </div>
            <ProgressBar label={`${fileName(file.path)} progress`} fraction={file.fraction} />
            <div className="ingest-file-detail muted">{describeFile(file)}</div>
          </li>
        ))}
      </ul>
      {hidden > 0 && <p className="muted">…and {hidden} more finished {hidden === 1 ? "file" : "files"}.</p>}
    </section>
  );
}
