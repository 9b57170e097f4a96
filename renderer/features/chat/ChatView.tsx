// The chat page: conversations on the left; the open conversation, its grounding and the composer.
// Below 1100px the conversation list folds away behind a "Conversations" toggle in the head (CSS
// decides the width; the toggle only exists there) and opens over the chat until one is picked.
import { editMessage, openConversation, regenerate, send, showVersion, stop, useChatStore } from "./store.ts";
import { migrateGroundings, type GroundingMigration } from "./migrate-groundings.ts";
import { ConversationList } from "./components/ConversationList.tsx";
import { MessageList } from "./components/MessageList.tsx";
import { Composer } from "./components/Composer.tsx";
import { CollectionPicker } from "./components/CollectionPicker.tsx";
import { EmptyState } from "../../components/EmptyState.tsx";
import { Icon } from "../../components/Icon.tsx";
import { ConversationSettings } from "./settings/ConversationSettings.tsx";
import { ChatTransfer } from "./components/ChatTransfer.tsx";
import { NO_MODEL_NOTE_ID, NoModelBar, useLastModel } from "./components/NoModelBar.tsx";
import { useEffect, useState } from "react";
import { useModelsStore } from "../../shared/models/store.ts";
import { refreshRemoteModels, useRemoteChoice } from "../../shared/models/remote-choice.ts";
import { setSwitcherOpen, showView, toastError } from "../../shared/app-store.ts";

/** Sends and reports failure to the toast as well as to the caller (the composer restores text). */
function reported<A extends unknown[]>(fn: (...args: A) => Promise<void>) {
  return (...args: A) =>
    fn(...args).catch((err: unknown) => {
      toastError(err);
      throw err;
    });
}

const sendReported = reported(send);
const editReported = (id: string, text: string) => void reported(editMessage)(id, text).catch(() => {});
const regenerateReported = () => void reported(regenerate)().catch(() => {});
const showVersionReported = (id: string) => void reported(showVersion)(id).catch(() => {});

/** The open conversation got its grounding back: show it as the engine now has it. */
function reopenMoved({ moved }: GroundingMigration): void {
  const active = useChatStore.getState().active;
  if (active && moved.includes(active.id)) void openConversation(active.id).catch(() => {});
}

export function ChatView() {
  const { active, messages, turn, collection } = useChatStore();
  const loaded = useModelsStore((s) => s.loaded);
  const remote = useRemoteChoice((s) => s.chosen);
  useEffect(() => void refreshRemoteModels().catch(() => {}), []); // a remembered choice whose entry was removed is dropped
  useEffect(() => void migrateGroundings().then(reopenMoved, () => {}), []); // groundings kept by older versions of this window
  const streaming = turn !== null;
  const [panel, setPanel] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  useEffect(() => setListOpen(false), [active?.id]); // picking (or starting) a chat folds the list again
  useLastModel(); // remembers the model loaded now, for "Load <model>" after an unload
  const blocked = !loaded && !collection && !remote;

  const placeholder = collection ? `Ask about “${collection}”…` : remote ? `Message ${remote} (remote)…` : loaded ? `Message ${loaded.model.displayName}…` : "Load a model to chat (Ctrl+K)";

  return (
    <div className={listOpen ? "chat conversations-open" : "chat"}>
      <div
        id="chat-conversations"
        className="conversations-slot"
        onKeyDown={(e) => {
          if (e.key === "Escape" && listOpen) setListOpen(false);
        }}
      >
        <ConversationList onPicked={() => setListOpen(false)} />
      </div>
      <section className="chat-main" aria-label="Conversation">
        <header className="chat-head">
          <button type="button" className="btn btn-small conversations-toggle" aria-expanded={listOpen} aria-controls="chat-conversations" onClick={() => setListOpen(!listOpen)}>
            <Icon name="chat" /> Conversations
          </button>
          <h1 className="chat-title">{active?.title || "New chat"}</h1>
          <CollectionPicker disabled={streaming} />
          <button type="button" className="btn btn-small model-chip" onClick={() => setSwitcherOpen(true)} title="Switch model (Ctrl+K)">
            {remote ? `${remote} · remote` : loaded ? `${loaded.model.displayName}${loaded.model.quant ? ` · ${loaded.model.quant}` : ""}` : "No model loaded"}
          </button>
          <button type="button" className="btn btn-small" aria-expanded={panel} onClick={() => setPanel(!panel)}>
            Chat settings
          </button>
          <ChatTransfer />
        </header>
        {messages.length === 0 ? (
          <div className="chat-empty">
            {loaded || collection || remote ? (
              <EmptyState title={collection ? `Ask about ${collection}` : "Start a conversation"}>
                {collection
                  ? loaded || remote
                    ? "Answers come from this collection's documents, with numbered sources you can check."
                    : "No model is loaded: you will get the most relevant passages instead of a written answer."
                  : "Type below and press Enter. Shift+Enter adds a line; Esc stops an answer."}
              </EmptyState>
            ) : (
              <EmptyState
                title="No model loaded"
                action={
                  <>
                    <button type="button" className="btn btn-primary" onClick={() => setSwitcherOpen(true)}>
                      Choose a model
                    </button>
                    <button type="button" className="btn" onClick={() => showView("models")}>
                      Open the model library
                    </button>
                  </>
                }
              >
                Load a model to chat, or pick a document collection above to search your documents.
              </EmptyState>
            )}
          </div>
        ) : (
          <MessageList messages={messages} idle={!streaming} onEdit={editReported} onRegenerate={regenerateReported} onSelectVersion={showVersionReported} />
        )}
        <div className="chat-compose">
          {blocked && <NoModelBar />}
          <Composer streaming={streaming} placeholder={placeholder} onSend={sendReported} onStop={stop} {...(blocked ? { blockedBy: NO_MODEL_NOTE_ID } : {})} />
        </div>
      </section>
      {panel && (
        <div id="conversation-settings" className="conversation-settings-wrap">
          <ConversationSettings onClose={() => setPanel(false)} />
        </div>
      )}
    </div>
  );
}
