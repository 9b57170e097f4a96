// Where a message is written. Enter or Ctrl/Cmd+Enter sends, Shift+Enter adds a line, Esc stops the
// answer being written. A message that fails to send comes back into the box, so nothing is lost.
import { useRef, useState } from "react";
import { Icon } from "../../../components/Icon.tsx";

export interface ComposerProps {
  streaming: boolean;
  placeholder: string;
  onSend: (text: string) => Promise<void>;
  onStop: () => void;
  /** Send is off (no model and no collection to search): the id of the text saying why. */
  blockedBy?: string;
}

export function Composer({ streaming, placeholder, onSend, onStop, blockedBy }: ComposerProps) {
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);

  function submit() {
    if (streaming || blockedBy || !text.trim()) return;
    const sent = text;
    setText("");
    onSend(sent).catch(() => setText((current) => current || sent));
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === "Escape" && streaming) {
      e.preventDefault();
      onStop();
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="composer-input" className="sr-only">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={ref}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={placeholder}
        rows={Math.min(8, Math.max(1, text.split("\n").length))}
      />
      {streaming ? (
        <button type="button" className="btn btn-stop" onClick={onStop} aria-label="Stop answer (Esc)" title="Stop (Esc)">
          <Icon name="stop" /> Stop
        </button>
      ) : (
        <button type="submit" className="btn btn-primary" disabled={!text.trim() || blockedBy !== undefined} aria-describedby={blockedBy} aria-label="Send message (Enter)" title="Send (Enter)">
          <Icon name="send" /> Send
        </button>
      )}
    </form>
  );
}
