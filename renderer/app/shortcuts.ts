// App-wide keys: Ctrl/Cmd+N new chat, Ctrl/Cmd+K or Ctrl/Cmd+M switch model, Esc stops an answer
// (when no dialog is open). Sending is the composer's own Enter handling.
import { newConversation, stop, useChatStore } from "../features/chat/store.ts";
import { setSwitcherOpen, showView, useAppStore } from "../shared/app-store.ts";

export function handleShortcut(e: KeyboardEvent): boolean {
  // A control that handled the key itself (the composer's Esc, a dialog's Esc) has the last word.
  if (e.defaultPrevented) return false;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.shiftKey && !e.altKey && key === "n") {
    showView("chat");
    newConversation();
    requestAnimationFrame(() => document.getElementById("composer-input")?.focus());
    return true;
  }
  if (mod && !e.shiftKey && !e.altKey && (key === "k" || key === "m")) {
    setSwitcherOpen(!useAppStore.getState().switcherOpen);
    return true;
  }
  if (e.key === "Escape" && useChatStore.getState().turn && !document.querySelector("[role=dialog]")) {
    stop();
    return true;
  }
  return false;
}

export function installShortcuts(target: Window): () => void {
  const listener = (e: KeyboardEvent) => {
    if (handleShortcut(e)) e.preventDefault();
  };
  target.addEventListener("keydown", listener);
  return () => target.removeEventListener("keydown", listener);
}
