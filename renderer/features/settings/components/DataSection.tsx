// Settings → Your data: export all conversations, and delete everything with a typed confirmation.
import { useState } from "react";
import { Dialog } from "../../../components/Dialog.tsx";
import { toast, toastError } from "../../../shared/app-store.ts";
import { DELETE_ALL_CONFIRMATION, deleteAllData, exportConversations } from "../../../shared/settings/data-actions.ts";

export function DataSection() {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const matches = typed.trim().toLowerCase() === DELETE_ALL_CONFIRMATION;

  const exportAll = (format: "markdown" | "json") =>
    void exportConversations(format).then((count) => toast(`Exported ${count} conversation${count === 1 ? "" : "s"}.`), toastError);

  const close = () => {
    setConfirming(false);
    setTyped("");
  };
  const confirm = () => {
    setBusy(true);
    deleteAllData(typed).then(
      (r) => {
        close();
        toast(`Deleted ${r.conversations} conversation(s) and ${r.collections} collection(s).${r.auditLog ? " The audit log was cleared." : ""}`);
        // Views hold what they loaded; start from the engine's now-empty state.
        window.location.reload();
      },
      (err: unknown) => {
        setBusy(false);
        toastError(err);
      },
    );
  };

  return (
    <section className="card" aria-labelledby="s-data">
      <h2 id="s-data">Your data</h2>
      <div className="field">
        <span className="field-label">Export conversations</span>
        <div className="actions">
          <button type="button" className="btn" onClick={() => exportAll("markdown")}>
            Export all as Markdown
          </button>
          <button type="button" className="btn" onClick={() => exportAll("json")}>
            Export all as JSON
          </button>
        </div>
        <span className="field-hint">Every conversation with the sources its answers cite.</span>
      </div>
      <div className="field">
        <span className="field-label">Delete all my data</span>
        <div className="actions">
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            Delete all my data…
          </button>
        </div>
        <span className="field-hint">Conversations, the document index, uploaded files and caches. Settings and models stay.</span>
      </div>
      {confirming && (
        <Dialog
          title="Delete all your data?"
          onClose={close}
          actions={
            <>
              <button type="button" className="btn" onClick={close}>
                Cancel
              </button>
              <button type="button" className="btn btn-danger" disabled={!matches || busy} onClick={confirm}>
                {busy ? "Deleting…" : "Delete everything"}
              </button>
            </>
          }
        >
          <p>Every conversation, every document collection, uploaded files and caches are deleted. This cannot be undone.</p>
          <label htmlFor="delete-all-confirm">
            Type <strong>{DELETE_ALL_CONFIRMATION}</strong> to confirm
          </label>
          <input id="delete-all-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-autofocus />
        </Dialog>
      )}
    </section>
  );
}
