// The Documents view's state: collections with their counts, the selected collection's documents,
// the browser upload that precedes an ingest in the web host (progress, cancel), the running ingest
// (per-file progress, cancel) and the outcome of the last one. Actions are plain
// functions over the one EnclaveApi (services/api.ts), so tests drive them with a fake.
import { create } from "zustand";
import type { CollectionInfo, DocumentInfo, IngestFileResult } from "../../../native/contract/rag.ts";
import { ragMethods } from "../../../native/contract/rag.ts";
import type { HostCapabilities } from "../../../native/contract/shell.ts";
import type { UploadProgress } from "../../../native/contract/api.ts";
import { formatZodError } from "../../../native/contract/errors.ts";
import { api } from "../../services/api.ts";
import { errorMessage, isAborted, newRequestId } from "../../shared/errors.ts";
import { applyProgress, startRun, type IngestRun } from "./progress.ts";

export interface LastIngest {
  collection: string;
  files: IngestFileResult[];
  cancelled: boolean;
}

export interface UploadRun extends UploadProgress {
  cancelling: boolean;
}

export interface DocumentsState {
  collections: CollectionInfo[];
  /** The collections list has been loaded at least once. */
  listed: boolean;
  /** The collection shown; may be a new name not in the index until its first add finishes. */
  selected: string | null;
  documents: DocumentInfo[];
  /** Files being uploaded to the web host before their ingest starts. */
  upload: UploadRun | null;
  ingest: IngestRun | null;
  last: LastIngest | null;
  host: HostCapabilities | null;
  /** The last failure of an action, as a sentence. */
  error: string | null;
}

export const initialDocumentsState = (): DocumentsState => ({
  collections: [],
  listed: false,
  selected: null,
  documents: [],
  upload: null,
  ingest: null,
  last: null,
  host: null,
  error: null,
});

export const useDocumentsStore = create<DocumentsState>(initialDocumentsState);

const set = (partial: Partial<DocumentsState>) => useDocumentsStore.setState(partial);
const get = () => useDocumentsStore.getState();

/** The contract's own rule for collection names, so the view says what is wrong before a call. */
export function collectionNameError(name: string): string | null {
  const parsed = ragMethods["rag.ingest"].input.shape.collection.safeParse(name.trim());
  return parsed.success ? null : `Collection name: ${formatZodError(parsed.error)}.`;
}

/** Runs an action; its failure becomes `error` (shown in the view) instead of an unhandled rejection.
 *  A refresh keeps the error of the action that preceded it on screen. */
async function guarded<T>(action: () => Promise<T>, options: { refresh?: boolean } = {}): Promise<T | undefined> {
  if (!options.refresh) set({ error: null });
  try {
    return await action();
  } catch (err) {
    set({ error: errorMessage(err) });
    return undefined;
  }
}

export async function loadHost(): Promise<void> {
  if (get().host) return;
  await guarded(async () => set({ host: await api().invoke("shell.capabilities", {}) }));
}

export async function refreshCollections(): Promise<void> {
  await guarded(async () => {
    const { collections } = await api().invoke("rag.collections", {});
    const selected = get().selected;
    // Keep a newly named collection selected although the index does not know it yet.
    const keep = selected !== null && (collections.some((c) => c.name === selected) || get().ingest?.collection === selected || get().documents.length === 0);
    set({ collections, listed: true, selected: keep ? selected : (collections[0]?.name ?? null) });
  }, { refresh: true });
  await refreshDocuments();
}

export async function refreshDocuments(): Promise<void> {
  const collection = get().selected;
  if (collection === null) return set({ documents: [] });
  await guarded(async () => {
    const { documents } = await api().invoke("rag.documents", { collection });
    if (get().selected === collection) set({ documents });
  }, { refresh: true });
}

export async function selectCollection(name: string): Promise<void> {
  set({ selected: name, documents: [], last: get().last?.collection === name ? get().last : null });
  await refreshDocuments();
}

/** Starts a collection by its name (it exists in the index once its first files are added); returns what is wrong with the name, if anything. */
export function nameCollection(name: string): string | null {
  const problem = collectionNameError(name);
  if (problem) return problem;
  set({ selected: name.trim(), documents: [], last: null, error: null });
  return null;
}

/** Ingests paths into the selected collection, following per-file progress until it settles. */
export async function ingestPaths(paths: string[], collection = get().selected): Promise<LastIngest | undefined> {
  return guarded(async () => {
    if (get().ingest) throw new Error("Documents are already being added; wait for them or cancel first.");
    if (collection === null) throw new Error("Name a collection first.");
    const problem = collectionNameError(collection);
    if (problem) throw new Error(problem);
    if (paths.length === 0) throw new Error("No files were chosen.");
    const requestId = newRequestId();
    set({ ingest: startRun(requestId, collection), last: null });
    const off = api().on("progress", (event) => {
      const run = get().ingest;
      if (run) set({ ingest: applyProgress(run, event) });
    });
    try {
      const out = await api().invoke("rag.ingest", { paths, collection }, { requestId });
      const last = { collection: out.collection, files: out.files, cancelled: out.cancelled };
      set({ last });
      return last;
    } finally {
      off();
      set({ ingest: null });
      await refreshCollections();
    }
  });
}

export function cancelIngest(): void {
  const run = get().ingest;
  if (!run || run.cancelling) return;
  api().cancel(run.requestId);
  set({ ingest: { ...run, cancelling: true } });
}

/** Aborts the upload in progress; one at a time, as the view allows. */
let uploadAbort: AbortController | null = null;

/** Dropped or picked browser files: uploaded to the host (web, with progress and cancel) or resolved
 *  to real paths (Electron, at once), then ingested. */
export async function addFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  if (get().upload || get().ingest) return set({ error: "Documents are already being added; wait for them or cancel first." });
  const controller = new AbortController();
  uploadAbort = controller;
  const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
  // Only the web host uploads; Electron's paths come back at once and need no panel.
  const upload = get().host?.uploads ? { fileName: files[0]!.name, fileIndex: 0, fileCount: files.length, bytesSent: 0, bytesTotal, cancelling: false } : null;
  set({ upload, error: null });
  let paths: string[] | undefined;
  try {
    paths = await api().resolveFiles(files, {
      signal: controller.signal,
      onProgress: (progress) => {
        const run = get().upload;
        if (run) set({ upload: { ...progress, cancelling: run.cancelling } });
      },
    });
  } catch (err) {
    // A cancel is the user's own doing, not an error to show.
    if (!isAborted(err)) set({ error: errorMessage(err) });
  } finally {
    uploadAbort = null;
    set({ upload: null });
  }
  if (paths) await ingestPaths(paths);
}

export function cancelUpload(): void {
  const run = get().upload;
  if (!run || run.cancelling) return;
  uploadAbort?.abort();
  set({ upload: { ...run, cancelling: true } });
}

/** The native open dialog (Electron only: `fileDialogs`). Cancelling the dialog adds nothing. */
export async function pickAndAdd(purpose: "documents" | "folder"): Promise<void> {
  const picked = await guarded(() => api().invoke("shell.pickPaths", { purpose, multiple: true }));
  if (picked && picked.paths.length > 0) await ingestPaths(picked.paths);
}

/** Ingests the collection's files again: the engine skips unchanged ones and re-reads changed ones. */
export async function reindexCollection(): Promise<void> {
  const paths = get().documents.map((d) => d.path);
  if (paths.length === 0) return set({ error: "This collection has no documents to re-index." });
  await ingestPaths(paths);
}

export async function reindexDocument(doc: DocumentInfo): Promise<void> {
  await ingestPaths([doc.path], doc.collection);
}

export async function removeDocument(documentId: string): Promise<void> {
  await guarded(() => api().invoke("rag.removeDocument", { documentId }));
  await refreshCollections();
}

export async function deleteCollection(name: string): Promise<void> {
  const done = await guarded(() => api().invoke("rag.deleteCollection", { collection: name }));
  if (done && get().selected === name) set({ selected: null, documents: [], last: null });
  await refreshCollections();
}

export function dismissError(): void {
  set({ error: null });
}
