// Files on their way to the web host, before their ingest starts: which one, bytes sent of the batch,
// and Cancel (the host deletes the file it was receiving; nothing is ingested).
import { ProgressBar } from "../../components/ProgressBar.tsx";
import { formatBytes } from "../../shared/format.ts";
import { cancelUpload, type UploadRun } from "./store.ts";

export function UploadProgressPanel({ run }: { run: UploadRun }) {
  const fraction = run.bytesTotal > 0 ? run.bytesSent / run.bytesTotal : null;
  return (
    <section className="ingest-panel" aria-label="Uploading files">
      <div className="ingest-head">
        <strong>
          Uploading “{run.fileName}”{run.fileCount > 1 && ` (${run.fileIndex + 1} of ${run.fileCount})`}
        </strong>
        <span className="muted">
          {formatBytes(run.bytesSent)} of {formatBytes(run.bytesTotal)}
        </span>
        <button type="button" className="btn" onClick={cancelUpload} disabled={run.cancelling}>
          {run.cancelling ? "Cancelling…" : "Cancel upload"}
        </button>
      </div>
      <ProgressBar label="Upload progress" fraction={fraction} />
    </section>
  );
}
