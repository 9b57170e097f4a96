// The conversation sidebar: new, search, open, rename inline, delete after a confirmation.
import { useEffect, useState } from "react";
import { deleteConversation, loadConversations, newConversation, openConversation, renameConversation, useChatStore } from "../store.ts";
import { IconButton } from "../../../components/IconButton.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { ConfirmDialog } from "../../../components/ConfirmDialog.tsx";
import { toastError } from "../../../shared/app-store.ts";
import type { ConversationSummary } from "../../../../native/contract/conversations.ts";

function RenameField({ conversation, onDone }: { conversation: ConversationSummary; onDone: () => void }) {
  const [title, setTitle] = useState(conversation.title);
  const save = () => {
    if (title.trim() && title.trim() !== conversation.title) renameConversation(conversation.id, title).catch(toastError);
    onDone();
  };
  return (
    <input
      className="rename-input"
      aria-label="Conversation name"
      value={title}
      autoFocus
      maxLength={200}
      onChange={(e) => setTitle(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === "Enter") save();
        if (e.key === "Escape") onDone();
      }}
    />
  );
}

/** onPicked: a chat was opened or started here (a folded list closes again, even on the open one). */
export function ConversationList({ onPicked }: { onPicked?: () => void } = {}) {
  const { conversations, query, active } = useChatStore();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);
  const [search, setSearch] = useState(query);

  useEffect(() => {
    const timer = setTimeout(() => void loadConversations(search).catch(toastError), 200);
    return () => clearTimeout(timer);
  }, [search]);

  return (
    <nav className="conversations" aria-label="Conversations">
      <button type="button" className="btn btn-primary btn-block" onClick={() => {
          newConversation();
          onPicked?.();
        }} title="New chat (Ctrl+N)">
        <Icon name="plus" /> New chat
      </button>
      <div className="search-box">
        <Icon name="search" />
        <input type="search" aria-label="Search conversations" placeholder="Search conversations" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ul className="conversation-items">
        {conversations.length === 0 && <li className="muted conversation-empty">{search.trim() ? "No conversation matches." : "Your conversations will appear here."}</li>}
        {conversations.map((c) => (
          <li key={c.id} className={c.id === active?.id ? "conversation current" : "conversation"}>
            {renaming === c.id ? (
              <RenameField conversation={c} onDone={() => setRenaming(null)} />
            ) : (
              <>
                <button type="button" className="conversation-open" aria-current={c.id === active?.id ? "page" : undefined} onClick={() => {
                    void openConversation(c.id).catch(toastError);
                    onPicked?.();
                  }}>
                  <span className="conversation-title">{c.title || "Untitled"}</span>
                  <span className="conversation-meta">{new Date(c.updatedAt).toLocaleDateString(undefined, { month: "short", day: "numeric" })}</span>
                </button>
                <span className="conversation-actions">
                  <IconButton icon="rename" label={`Rename ${c.title}`} onClick={() => setRenaming(c.id)} />
                  <IconButton icon="trash" label={`Delete ${c.title}`} onClick={() => setDeleting(c)} />
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title="Delete conversation?"
          message={`“${deleting.title || "Untitled"}” and its ${deleting.messageCount} messages will be deleted for good.`}
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            deleteConversation(deleting.id).catch(toastError);
            setDeleting(null);
          }}
        />
      )}
    </nav>
  );
}
