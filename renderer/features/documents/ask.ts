// "Ask this collection": a new chat grounded in the collection, shown at once.
import { newConversation, setCollection } from "../chat/store.ts";
import { showView } from "../../app/store.ts";

export async function askCollection(collection: string): Promise<void> {
  newConversation();
  await setCollection(collection); // no open conversation: only the chat's choice, nothing to record yet
  showView("chat");
}
