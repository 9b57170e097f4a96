// Connects the shell to the engine once the API is installed: host capabilities, what is loaded,
// the conversation list, and the notices that say the engine restarted (after which what was
// loaded is gone and must be re-read).
import { api } from "../services/api.ts";
import { receiveNotice, setEngineState, setHost, toastError } from "./store.ts";
import { refreshStatus } from "../features/models/store.ts";
import { loadConversations, useChatStore } from "../features/chat/store.ts";
import { finishOnboarding } from "../features/onboarding/store.ts";

export async function bootstrap(): Promise<() => void> {
  const off = api().on("engine.notice", (notice) => {
    const state = receiveNotice(notice);
    if (state === "restarted" || state === "ready") refreshStatus().catch(toastError);
  });
  try {
    const [host] = await Promise.all([api().invoke("shell.capabilities", {}), refreshStatus(), loadConversations("")]);
    setHost(host);
    // Conversations on record mean this is not a first run, whatever this window remembers.
    if (useChatStore.getState().conversations.length > 0) finishOnboarding();
    setEngineState("ready");
  } catch (err) {
    setEngineState("unavailable");
    toastError(err);
  }
  return off;
}
