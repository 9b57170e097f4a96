// The Documents view: collections on the left; the selected one's documents, add buttons, the
// running upload or ingest and the last one's outcome on the right. Files dropped anywhere on the
// view are added to the selected collection (or wait for a collection name when none is chosen yet).
// For a collection: "Ask this collection" (a grounded chat), search with the matches marked, each
// document openable in the viewer, removal confirmed and undoable, and the embedding-model hint.
import { useEffect, useRef, useState, type DragEvent } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { EmptyState } from "../../components/EmptyState.tsx";
import { AddButtons } from "./AddButtons.tsx";
import { CollectionSidebar } from "./CollectionSidebar.tsx";
import { DocumentTable } from "./DocumentTable.tsx";
import { EvaluatePanel } from "./evaluate/EvaluatePanel.tsx";
import { IngestProgressPanel } from "./IngestProgressPanel.tsx";
import { IngestSummary } from "./IngestSummary.tsx";
import { UploadProgressPanel } from "./UploadProgressPanel.tsx";
import { CollectionSearch } from "./search/CollectionSearch.tsx";
import { EmbeddingHint } from "./EmbeddingHint.tsx";
import { UndoRemoval } from "./UndoRemoval.tsx";
import { commitRemoval, requestRemoval, useRemovalStore, visibleDocuments } from "./removal.ts";
import { fileName } from "../../shared/format.ts";
import { toastError } from "../../shared/app-store.ts";
import type { DocumentInfo } from "../../../native/contract/rag.ts";
import { addFiles, deleteCollection, dismissError, loadHost, refreshCollections, reindexCollection, useDocumentsStore } from "./store.ts";

const FORMATS = "PDF, Word (DOCX), HTML, Markdown, text and CSV";

/** `onAsk` opens a chat grounded in the collection: the chat is another feature, so the shell
 *  passes the action in (eslint.config.js keeps features apart). */
export function DocumentsView({ onAsk }: { onAsk: (collection: string) => Promise<void> }) {
  const { collections, listed, selected, documents, upload, ingest, last, host, error } = useDocumentsStore();
  const [pending, setPending] = useState<File[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removing, setRemoving] = useState<DocumentInfo | null>(null);
  const removal = useRemovalStore();
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0); // dragenter/leave fire for every child: count them

  useEffect(() => {
    void loadHost();
    void refreshCollections();
    // Leaving the page ends the undo window: the removal the user confirmed happens.
    return () => void commitRemoval();
  }, []);

  const busy = ingest !== null || upload !== null;

  function add(files: File[]) {
    if (selected === null) setPending(files);
    else void addFiles(files);
  }

  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes("Files");
  const dropHandlers = {
    onDragEnter: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = busy ? "none" : "copy";
    },
    onDragLeave: () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = [...e.dataTransfer.files];
      if (files.length && !busy) add(files);
    },
  };

  const current = collections.find((c) => c.name === selected);
  const shown = visibleDocuments(documents, removal);

  return (
    <div className={dragging ? "documents-view dropping" : "documents-view"} {...dropHandlers}>
      <CollectionSidebar
        collections={collections}
        selected={selected}
        pendingFiles={pending.length}
        disabled={busy}
        onNamed={() => {
          if (pending.length) void addFiles(pending);
          setPending([]);
        }}
      />
      <section className="documents-main" aria-label="Documents">
        {dragging && (
          <div className="drop-hint" aria-hidden="true">
            {busy ? "Wait for the current import to finish" : selected ? `Drop to add to “${selected}”` : "Drop, then name a collection for these files"}
          </div>
        )}
        {error && (
          <div className="documents-error" role="alert">
            <span>{error}</span>
            <button type="button" className="btn" onClick={dismissError} aria-label="Dismiss the error">
              Dismiss
            </button>
          </div>
        )}
        {selected !== null && (
          <header className="documents-header">
            <h2>{selected}</h2>
            <AddButtons host={host} disabled={busy} onFiles={add} />
            {current && (
              <>
                <button type="button" className="btn btn-primary" disabled={current.documents === 0} onClick={() => void onAsk(current.name).catch(toastError)}>
                  Ask this collection
                </button>
                <button type="button" className="btn" disabled={busy || documents.length === 0} onClick={() => void reindexCollection()}>
                  Re-index
                </button>
                <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirming(selected)}>
                  Delete collection
                </button>
              </>
            )}
          </header>
        )}
        {upload && <UploadProgressPanel run={upload} />}
        {ingest && <IngestProgressPanel run={ingest} />}
        {last && !ingest && <IngestSummary last={last} />}
        {!listed && <p className="muted">Loading collections…</p>}
        {listed && selected === null && (
          <EmptyState title={pending.length ? "Name a collection for your files" : "No documents yet"}>
            {pending.length
              ? `Type a name under “Collections” to create one and add the ${pending.length} ${pending.length === 1 ? "file" : "files"}.`
              : `Name a collection on the left to start one, then add files or folders — or drop them here. Enclave reads ${FORMATS}, and recognises scanned pages with OCR.`}
          </EmptyState>
        )}
        {selected !== null && documents.length === 0 && !ingest && !upload && (
          <EmptyState title={`“${selected}” has no documents`}>Add files or a folder with the buttons above, or drop them anywhere on this view. Enclave reads {FORMATS}.</EmptyState>
        )}
        <UndoRemoval />
        {current && current.chunks > 0 && <CollectionSearch collection={current.name} />}
        {shown.length > 0 && <DocumentTable documents={shown} busy={busy} onRemove={setRemoving} />}
        {selected !== null && documents.length > 0 && <EmbeddingHint />}
        {selected !== null && documents.length > 0 && <EvaluatePanel collection={selected} hybridAvailable={current?.embedderId != null} disabled={busy} />}
      </section>
      {removing && (
        <ConfirmDialog
          title={`Remove “${fileName(removing.path)}”?`}
          message={`Its ${removing.chunks} passages leave “${removing.collection}”, so answers stop citing it. Your file is not touched, and you can undo this for a few seconds.`}
          confirmLabel="Remove"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const doc = removing;
            setRemoving(null);
            void requestRemoval(doc);
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={`Delete “${confirming}”?`}
          message={`Its ${current?.documents ?? 0} documents and ${current?.chunks ?? 0} passages leave the index. Your files are not touched; you can add them again later.`}
          confirmLabel="Delete collection"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const name = confirming;
            setConfirming(null);
            void deleteCollection(name);
          }}
        />
      )}
    </div>
  );
}
