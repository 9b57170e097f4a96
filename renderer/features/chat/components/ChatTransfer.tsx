// Export / Import in the chat head: the open conversation as Markdown (each answer's citations as
// footnotes under it) or JSON, and a JSON export brought back as new conversations. A disclosure, so
// the head stays one row on narrow windows.
import { useRef, type ChangeEvent } from "react";
import { exportActiveConversation, importConversationFile } from "../export-import.ts";
import { useChatStore } from "../store.ts";
import { toast, toastError } from "../../../shared/app-store.ts";

export function ChatTransfer() {
  const active = useChatStore((s) => s.active);
  const streaming = useChatStore((s) => s.turn !== null);
  const menu = useRef<HTMLDetailsElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const close = () => menu.current?.removeAttribute("open");

  function exportAs(format: "markdown" | "json") {
    close();
    const title = active?.title || "Untitled";
    exportActiveConversation(format).then(() => toast(`Exported “${title}” as ${format === "json" ? "JSON" : "Markdown"}.`), toastError);
  }

  function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = ""; // the same file can be chosen again
    if (!file) return;
    importConversationFile(file).then((created) => {
      const names = created.slice(0, 3).map((c) => `“${c.title || "Untitled"}”`).join(", ");
      toast(created.length === 1 ? `Imported ${names}.` : `Imported ${created.length} conversations: ${names}${created.length > 3 ? ", …" : ""}.`);
    }, toastError);
  }

  return (
    <details className="chat-transfer" ref={menu}>
      <summary className="btn btn-small">Export / import</summary>
      <div className="chat-transfer-panel">
        <button type="button" className="btn btn-small" disabled={!active || streaming} onClick={() => exportAs("markdown")}>
          Export as Markdown
        </button>
        <button type="button" className="btn btn-small" disabled={!active || streaming} onClick={() => exportAs("json")}>
          Export as JSON
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            close();
            input.current?.click();
          }}
        >
          Import JSON…
        </button>
        {!active && <p className="muted chat-transfer-note">Open a conversation to export it.</p>}
      </div>
      <input ref={input} type="file" accept="application/json,.json" hidden aria-label="Conversation file to import" onChange={onFile} />
    </details>
  );
}
