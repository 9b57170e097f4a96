// The selected collection's documents: status, pages (and OCR'd pages), passages, the error of a
// failed one, and per-document Re-index / Remove.
import type { DocumentInfo } from "../../../native/contract/rag.ts";
import { fileName } from "./progress.ts";
import { reindexDocument, removeDocument } from "./store.ts";

const STATUS_LABEL: Record<DocumentInfo["status"], string> = {
  pending: "Waiting",
  ingesting: "Indexing",
  ready: "Ready",
  failed: "Failed",
};

export function DocumentTable({ documents, busy }: { documents: DocumentInfo[]; busy: boolean }) {
  return (
    <table className="doc-table">
      <thead>
        <tr>
          <th scope="col">Document</th>
          <th scope="col">Status</th>
          <th scope="col">Pages</th>
          <th scope="col">Passages</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {documents.map((doc) => {
          const name = fileName(doc.path);
          return (
            <tr key={doc.id} className={`doc-row status-${doc.status}`}>
              <th scope="row" title={doc.path}>
                <span className="doc-name">
                  <span className="doc-name-text">{name}</span>
                  {doc.format && <span className="doc-format">{doc.format}</span>}
                </span>
              </th>
              <td>
                {STATUS_LABEL[doc.status]}
                {doc.error && <div className="doc-error">{doc.error}</div>}
              </td>
              <td>
                {doc.pages}
                {doc.ocrPages > 0 && <span className="muted"> ({doc.ocrPages} OCR)</span>}
              </td>
              <td>{doc.chunks}</td>
              <td className="doc-actions">
                <button type="button" className="btn" disabled={busy} onClick={() => void reindexDocument(doc)} aria-label={`Re-index ${name}`}>
                  Re-index
                </button>
                <button type="button" className="btn" disabled={busy} onClick={() => void removeDocument(doc.id)} aria-label={`Remove ${name} from the index`}>
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
