// Connects the shell to the engine once the API is installed: host capabilities, what is loaded,
// the conversation list, and the notices that say the engine restarted (after which what was
// loaded is gone and must be re-read) or that the connection came back (after a failed start,
// everything is read again; a model listing the outage cut off is asked for again).
import { api } from "../services/api.ts";
import { receiveNotice, setEngineState, setHost, toastError, useAppStore } from "../shared/app-store.ts";
import { errorMessage } from "../shared/errors.ts";
import { refreshStatus, resumeInterruptedList } from "../shared/models/store.ts";
import { loadConversations, useChatStore } from "../features/chat/store.ts";
import { finishOnboarding } from "../shared/onboarding/store.ts";

/** Reads what the shell needs to start. On failure the engine is marked unavailable, with why. */
export async function connect(): Promise<boolean> {
  useAppStore.setState({ engine: "connecting", bootError: null });
  try {
    const [host] = await Promise.all([api().invoke("shell.capabilities", {}), refreshStatus(), loadConversations("")]);
    setHost(host);
    // Conversations on record mean this is not a first run, whatever this window remembers.
    if (useChatStore.getState().conversations.length > 0) finishOnboarding();
    setEngineState("ready");
    return true;
  } catch (err) {
    useAppStore.setState({ engine: "unavailable", bootError: errorMessage(err) });
    return false;
  }
}

export async function bootstrap(): Promise<() => void> {
  const off = api().on("engine.notice", (notice) => {
    const failedBefore = useAppStore.getState().bootError !== null;
    const state = receiveNotice(notice);
    if (state === "ready" && failedBefore) void connect();
    else if (state === "restarted" || state === "ready") refreshStatus().catch(toastError);
    if (state === "restarted" || state === "ready") resumeInterruptedList().catch(toastError);
  });
  await connect();
  return off;
}
