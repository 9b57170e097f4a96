// One message: the user's text (editable), or an answer with its thinking folded away, its
// status (streaming, stopped, interrupted, failed), its figures and its actions.
import { memo, useState } from "react";
import type { Message } from "../../../../native/contract/conversations.ts";
import { Markdown } from "./Markdown.tsx";
import { MessageStats } from "./MessageStats.tsx";
import { IconButton } from "../../../components/IconButton.tsx";
import { copyText } from "../../../components/copy.ts";
import { isLocal } from "../store.ts";
import { AnswerSources } from "./AnswerSources.tsx";
import { VersionSwitch } from "./VersionSwitch.tsx";

export interface MessageItemProps {
  message: Message;
  /** Actions are offered only when no answer is being written. */
  idle: boolean;
  canRegenerate: boolean;
  onEdit: (id: string, text: string) => void;
  onRegenerate: () => void;
  /** Shows another version of a message (‹ 2/3 ›). */
  onSelectVersion?: (id: string) => void;
}

function EditBox({ initial, onSave, onCancel }: { initial: string; onSave: (t: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  return (
    <form
      className="edit-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSave(text);
      }}
    >
      <label htmlFor="edit-message" className="sr-only">
        Edit message
      </label>
      <textarea id="edit-message" value={text} onChange={(e) => setText(e.target.value)} rows={3} autoFocus onKeyDown={(e) => e.key === "Escape" && onCancel()} />
      <p className="field-hint">Sending the edit adds a new version of this message and answers it; the earlier version and what followed it stay one click away (‹ ›).</p>
      <div className="edit-actions">
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={!text.trim()}>
          Send edit
        </button>
      </div>
    </form>
  );
}

export const MessageItem = memo(function MessageItem({ message, idle, canRegenerate, onEdit, onRegenerate, onSelectVersion }: MessageItemProps) {
  const [editing, setEditing] = useState(false);
  const streaming = message.status === "streaming";
  const isUser = message.role === "user";
  return (
    <article className={`message message-${message.role}`} aria-label={isUser ? "You" : "Assistant"} aria-busy={streaming || undefined}>
      <div className="message-who">{isUser ? "You" : "Assistant"}</div>
      {message.thinking && (
        <details className="thinking">
          <summary>{streaming && !message.text ? "Thinking…" : "Thoughts"}</summary>
          <div className="thinking-text">{message.thinking}</div>
        </details>
      )}
      {editing ? (
        <EditBox
          initial={message.text}
          onCancel={() => setEditing(false)}
          onSave={(t) => {
            setEditing(false);
            onEdit(message.id, t);
          }}
        />
      ) : isUser ? (
        <div className="message-text user-text">{message.text}</div>
      ) : message.text ? (
        <Markdown text={message.text} />
      ) : streaming ? (
        <div className="typing" aria-label="Writing the answer">
          <span />
          <span />
          <span />
        </div>
      ) : null}
      {!streaming && <AnswerSources message={message} />}
      {/* The engine marks a user's stop as interrupted too; only stopReason tells a crash apart. */}
      {message.status === "interrupted" && message.stopReason !== "aborted" && (
        <p className="message-note warn">Interrupted: the engine stopped while writing this answer. What was written is kept.</p>
      )}
      {message.stopReason === "aborted" && !message.stats && <p className="message-note">Stopped before the end.</p>}
      {message.status === "error" && <p className="message-note error-text">{message.error ?? "The answer failed."}</p>}
      {!streaming && !editing && (
        <div className="message-foot">
          {onSelectVersion && <VersionSwitch message={message} disabled={!idle} onSelect={onSelectVersion} />}
          {!isUser && <MessageStats message={message} />}
          {!isLocal(message) && (
            <div className="message-actions">
              <IconButton icon="copy" label="Copy message" onClick={() => void copyText(message.text, "Message copied")} />
              {isUser && idle && <IconButton icon="edit" label="Edit message" onClick={() => setEditing(true)} />}
              {!isUser && canRegenerate && idle && <IconButton icon="refresh" label="Regenerate answer" onClick={onRegenerate} />}
            </div>
          )}
        </div>
      )}
    </article>
  );
});
