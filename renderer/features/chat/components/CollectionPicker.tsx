// Grounds the chat in a document collection: questions then go through retrieval and answers cite
// their sources.
import { useEffect } from "react";
import { loadCollections, setCollection, useChatStore } from "../store.ts";
import { toastError } from "../../../shared/app-store.ts";

export function CollectionPicker({ disabled }: { disabled: boolean }) {
  const { collections, collection } = useChatStore();
  useEffect(() => {
    loadCollections().catch(toastError);
  }, []);
  return (
    <div className="collection-picker">
      <label htmlFor="collection-select">Answer from</label>
      <select id="collection-select" value={collection ?? ""} disabled={disabled} onChange={(e) => void setCollection(e.target.value || null).catch(toastError)}>
        <option value="">The model only</option>
        {collections.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} ({c.documents} document{c.documents === 1 ? "" : "s"})
          </option>
        ))}
      </select>
    </div>
  );
}
