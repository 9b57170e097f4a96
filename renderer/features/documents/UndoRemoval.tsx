// The bar that follows a confirmed removal: what left, and Undo while the engine has not yet been asked.
import { fileName } from "../../shared/format.ts";
import { undoRemoval, useRemovalStore } from "./removal.ts";

export function UndoRemoval() {
  const pending = useRemovalStore((s) => s.pending);
  return (
    <div role="status" aria-label="Removal" className={pending ? "undo-bar" : "undo-bar-empty"}>
      {pending && (
        <>
          <span>
            Removed “{fileName(pending.path)}” from “{pending.collection}”. Your file is not touched.
          </span>
          <button type="button" className="btn" onClick={undoRemoval}>
            Undo
          </button>
        </>
      )}
    </div>
  );
}
