// The collections with their counts, and the form that starts a new one: a collection exists in the
// index once its first files are added, so naming it only selects it.
import { useState, type FormEvent } from "react";
import type { CollectionInfo } from "../../../native/contract/rag.ts";
import { nameCollection, selectCollection } from "./store.ts";

export interface CollectionSidebarProps {
  collections: CollectionInfo[];
  selected: string | null;
  /** Files waiting for a collection name (dropped before one was chosen). */
  pendingFiles: number;
  onNamed: (name: string) => void;
  disabled: boolean;
}

export function CollectionSidebar({ collections, selected, pendingFiles, onNamed, disabled }: CollectionSidebarProps) {
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const isNew = selected !== null && !collections.some((c) => c.name === selected);

  function submit(e: FormEvent) {
    e.preventDefault();
    const error = nameCollection(name);
    setProblem(error);
    if (error) return;
    setName("");
    onNamed(name.trim());
  }

  return (
    <nav className="collections" aria-label="Collections">
      <h2 className="collections-title">Collections</h2>
      <ul>
        {collections.map((c) => (
          <li key={c.name}>
            <button type="button" className="collection" aria-current={c.name === selected ? "true" : undefined} onClick={() => void selectCollection(c.name)} disabled={disabled}>
              <span className="collection-name">{c.name}</span>
              <span className="collection-counts muted">
                {c.documents} {c.documents === 1 ? "document" : "documents"}
                {c.failed > 0 && <span className="collection-failed"> · {c.failed} failed</span>}
                {" · "}
                {c.chunks} {c.chunks === 1 ? "passage" : "passages"}
              </span>
            </button>
          </li>
        ))}
        {isNew && (
          <li>
            {/* Not a button: it is already selected and there is nothing to open yet. */}
            <div className="collection" aria-current="true">
              <span className="collection-name">{selected}</span>
              <span className="collection-counts muted">new — add files to create it</span>
            </div>
          </li>
        )}
      </ul>
      <form className="new-collection" onSubmit={submit}>
        <label htmlFor="new-collection-name">{pendingFiles > 0 ? `Name a collection for the ${pendingFiles} ${pendingFiles === 1 ? "file" : "files"} you added` : "New collection"}</label>
        <input
          id="new-collection-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Contracts"
          aria-invalid={problem !== null}
          aria-describedby={problem ? "new-collection-problem" : undefined}
          autoFocus={pendingFiles > 0}
        />
        <button type="submit" className="btn" disabled={disabled || !name.trim()}>
          {pendingFiles > 0 ? "Create and add" : "Create"}
        </button>
        {problem && (
          <p id="new-collection-problem" className="field-error">
            {problem}
          </p>
        )}
      </form>
    </nav>
  );
}
