// The selected collection's documents: status, pages (and OCR'd pages), passages, the error of a
// failed one, and per-document Open (the source viewer at page 1), Re-index and Remove (the view
// confirms it and offers Undo).
import type { DocumentInfo } from "../../../native/contract/rag.ts";
import { openSource } from "../../shared/viewer/store.ts";
import { fileName } from "../../shared/format.ts";
import { reindexDocument } from "./store.ts";

/** Opens a document in the source viewer at its first page, nothing highlighted. */
export function openDocument(doc: DocumentInfo, page = 1): Promise<void> {
  return openSource({ documentId: doc.id, file: doc.path, page, pageEnd: page, passage: "" });
}

const STATUS_LABEL: Record<DocumentInfo["status"], string> = {
  pending: "Waiting",
  ingesting: "Indexing",
  ready: "Ready",
  failed: "Failed",
};

export function DocumentTable({ documents, busy, onRemove }: { documents: DocumentInfo[]; busy: boolean; onRemove: (doc: DocumentInfo) => void }) {
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
                {doc.warnings && doc.warnings.length > 0 && (
                  <details className="doc-warnings">
                    <summary>
                      {doc.warnings.length} warning{doc.warnings.length > 1 ? "s" : ""}
                    </summary>
                    <ul>
                      {doc.warnings.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td>
                {doc.pages}
                {doc.ocrPages > 0 && <span className="muted"> ({doc.ocrPages} OCR)</span>}
              </td>
              <td>{doc.chunks}</td>
              <td className="doc-actions">
                <button type="button" className="btn" disabled={doc.status !== "ready"} onClick={() => void openDocument(doc)} aria-label={`Open ${name}`}>
                  Open
                </button>
                <button type="button" className="btn" disabled={busy} onClick={() => void reindexDocument(doc)} aria-label={`Re-index ${name}`}>
                  Re-index
                </button>
                <button type="button" className="btn" disabled={busy} onClick={() => onRemove(doc)} aria-label={`Remove ${name} from the index`}>
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
