// Removing a document, undoably: the confirmed removal waits UNDO_MS (the row hidden, an Undo
// button shown) before the engine is asked, so Undo loses nothing and needs no re-indexing. A
// second removal, leaving the page or the timer commits the pending one; closing the app inside
// the window keeps the document, the safe side.
import { create } from "zustand";
import type { DocumentInfo } from "../../../native/contract/rag.ts";
import { removeDocument } from "./store.ts";

export const UNDO_MS = 8000;

export interface RemovalState {
  /** The document removed but not yet committed. */
  pending: DocumentInfo | null;
  /** The document the engine is removing now: still hidden, so it does not flash back before the
   *  list is refreshed (shown again only if the removal failed). */
  committing: DocumentInfo | null;
}

export const initialRemovalState = (): RemovalState => ({ pending: null, committing: null });

export const useRemovalStore = create<RemovalState>(initialRemovalState);

let timer: ReturnType<typeof setTimeout> | null = null;

function stopTimer(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

/** Hides the document and starts the undo window; an earlier pending removal is committed first. */
export async function requestRemoval(doc: DocumentInfo, delayMs = UNDO_MS): Promise<void> {
  const earlier = commitRemoval();
  useRemovalStore.setState({ pending: doc });
  timer = setTimeout(() => void commitRemoval(), delayMs);
  await earlier;
}

/** Undo: the document was never removed, so it simply shows again. */
export function undoRemoval(): void {
  stopTimer();
  useRemovalStore.setState({ pending: null });
}

/** Asks the engine to remove the pending document now (no-op when none is pending). */
export async function commitRemoval(): Promise<void> {
  stopTimer();
  const doc = useRemovalStore.getState().pending;
  if (!doc) return;
  useRemovalStore.setState({ pending: null, committing: doc });
  try {
    await removeDocument(doc.id);
  } finally {
    if (useRemovalStore.getState().committing === doc) useRemovalStore.setState({ committing: null });
  }
}

/** The documents to show: all but those waiting to be removed or being removed. */
export function visibleDocuments(documents: DocumentInfo[], removal: RemovalState): DocumentInfo[] {
  const hidden = new Set([removal.pending?.id, removal.committing?.id]);
  return documents.filter((d) => !hidden.has(d.id));
}
