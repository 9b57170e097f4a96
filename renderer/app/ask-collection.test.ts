// "Ask this collection" as the shell runs it for the Documents view: a new chat grounded in the
// collection, shown at once, with nothing recorded before the first question.
import "../test-setup.ts";
import { test } from "node:test";
import assert from "node:assert/strict";
import { freshApi } from "../testing/install.ts";
import { conversation } from "../testing/fixtures.ts";
import { useChatStore } from "../features/chat/store.ts";
import { useOnboardingStore } from "../shared/onboarding/store.ts";
import { useAppStore } from "../shared/app-store.ts";
import { askCollection } from "./ask-collection.ts";

test("asking a collection opens a new chat grounded in it, past the welcome screen", async () => {
  const fake = freshApi().handle("rag.collections", () => ({ collections: [{ name: "Reports", documents: 2, failed: 0, chunks: 8, embedderId: null }] }));
  useChatStore.setState({ active: conversation("old", []) });
  useAppStore.setState({ view: "documents" });
  await askCollection("Reports");
  assert.equal(useAppStore.getState().view, "chat");
  assert.equal(useChatStore.getState().active, null, "a new chat");
  assert.equal(useChatStore.getState().collection, "Reports");
  assert.equal(fake.callsOf("conversations.update").length, 0, "nothing to record before the first question");
  assert.equal(useOnboardingStore.getState().done, true, "the chat shows, not the welcome screen");
});
