// "Search this collection": a query box and the passages that match it, the matched words marked,
// each with the file and page it is on and a button that opens the source viewer there.
import { useEffect, useState, type FormEvent } from "react";
import type { SearchHit } from "../../../../native/contract/rag.ts";
import { openSource } from "../../../shared/viewer/store.ts";
import { fileName } from "../../../shared/format.ts";
import { useDocumentsStore } from "../store.ts";
import { useRemovalStore, visibleDocuments } from "../removal.ts";
import { clearSearch, searchCollection, splitHighlights, useCollectionSearch } from "./store.ts";

const MODE_NOTE = {
  hybrid: "Matched by words and by meaning.",
  vector: "Matched by meaning.",
  fulltext: "Matched by words (no embedding model, so not by meaning).",
} as const;

function pageOf(hit: SearchHit): number {
  return hit.page ?? hit.pageStart;
}

function HitText({ hit }: { hit: SearchHit }) {
  return (
    <p className="search-hit-text">
      {splitHighlights(hit.text, hit.highlights).map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </p>
  );
}

export function CollectionSearch({ collection }: { collection: string }) {
  const { collection: searched, query, hits: found, mode, searching, error } = useCollectionSearch();
  const documents = useDocumentsStore((s) => s.documents);
  const removal = useRemovalStore();
  // Passages of a document removed since the search (or waiting for its undo window) are not offered.
  const present = new Set(visibleDocuments(documents, removal).map((d) => d.id));
  const hits = found.filter((h) => present.has(h.documentId));
  const [text, setText] = useState("");
  const mine = searched === collection;

  // Results belong to one collection; choosing another starts afresh.
  useEffect(() => {
    if (useCollectionSearch.getState().collection !== collection) {
      clearSearch();
      setText("");
    }
  }, [collection]);

  function submit(e: FormEvent) {
    e.preventDefault();
    void searchCollection(collection, text);
  }

  return (
    <section className="collection-search" aria-label={`Search ${collection}`}>
      <form role="search" className="collection-search-form" onSubmit={submit}>
        <label htmlFor="collection-search-input" className="sr-only">
          Search in {collection}
        </label>
        <input id="collection-search-input" type="search" placeholder={`Search in ${collection}…`} value={text} onChange={(e) => setText(e.target.value)} maxLength={10_000} />
        <button type="submit" className="btn" disabled={!text.trim() || searching}>
          Search
        </button>
      </form>
      {mine && error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div role="status" className="collection-search-status">
        {mine && searching && <span className="muted">Searching…</span>}
        {mine && !searching && query && !error && (
          <span className="muted">
            {hits.length === 0 ? `Nothing in “${collection}” matches “${query}”.` : `${hits.length} ${hits.length === 1 ? "passage matches" : "passages match"} “${query}”.`} {mode && hits.length > 0 ? MODE_NOTE[mode] : ""}
          </span>
        )}
      </div>
      {mine && hits.length > 0 && (
        <ol className="search-hits" aria-label="Search results">
          {hits.map((hit) => {
            const name = fileName(hit.file);
            const page = pageOf(hit);
            return (
              <li key={hit.chunkId} className="search-hit">
                <div className="search-hit-head">
                  <span className="search-hit-source">
                    {name} · p. {page}
                  </span>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Open ${name} at page ${page}`}
                    onClick={() => void openSource({ documentId: hit.documentId, file: hit.file, page, pageEnd: Math.max(page, hit.pageEnd), passage: hit.text })}
                  >
                    Open
                  </button>
                </div>
                <HitText hit={hit} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
