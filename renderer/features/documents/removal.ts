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
}

export const useRemovalStore = create<RemovalState>(() => ({ pending: null }));

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
  useRemovalStore.setState({ pending: null });
  await removeDocument(doc.id);
}

/** The documents to show: all but the one waiting to be removed. */
export function visibleDocuments(documents: DocumentInfo[], pending: DocumentInfo | null): DocumentInfo[] {
  return pending ? documents.filter((d) => d.id !== pending.id) : documents;
}
