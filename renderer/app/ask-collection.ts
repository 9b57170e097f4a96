// "Ask this collection": a new chat grounded in the collection, shown at once. It is a choice of
// what to do first, like "Skip" on the welcome screen, so the chat shows even before any model is
// loaded (its questions then get the matching passages; the chat offers to load a model).
import { loadCollections, newConversation, setCollection } from "../features/chat/store.ts";
import { finishOnboarding } from "../shared/onboarding/store.ts";
import { showView } from "../shared/app-store.ts";

export async function askCollection(collection: string): Promise<void> {
  newConversation();
  await loadCollections(); // the chat's picker lists it from its first frame
  await setCollection(collection); // no open conversation: only the chat's choice, nothing to record yet
  finishOnboarding();
  showView("chat");
}
