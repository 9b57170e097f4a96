import "../../test-setup.ts";
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { freshApi } from "../../testing/install.ts";
import type { FakeApi } from "../../testing/fake-api.ts";
import { conversation, message } from "../../testing/fixtures.ts";
import { DEFAULT_SETTINGS } from "../../../native/contract/settings.ts";
import { editMessage, regenerate, send, setCollection, useChatStore } from "./store.ts";
import { answeringRemote, chooseRemote, initialRemoteChoice, refreshRemoteModels, useRemoteChoice } from "../../shared/models/remote-choice.ts";

const teamLlm = { id: "team-llm", baseUrl: "http://gpu-server:8000/v1", model: "qwen" };
let api: FakeApi;

beforeEach(() => {
  api = freshApi();
  const stored = conversation("c1", [message({ id: "u1", role: "user", text: "Hi" }), message({ id: "a1", role: "assistant", text: "Hello", status: "complete" })]);
  const turn = () => ({ conversationId: "c1", userMessage: stored.messages[0]!, assistantMessage: stored.messages[1]! });
  api
    .handle("settings.get", () => ({ settings: { ...DEFAULT_SETTINGS, remoteModels: [teamLlm] }, locked: [] }))
    .handle("conversations.create", () => stored)
    .handle("conversations.get", () => stored)
    .handle("conversations.list", () => ({ conversations: [stored] }))
    .handle("chat.send", turn)
    .handle("chat.regenerate", turn)
    .handle("chat.edit", turn)
    .handle("conversations.update", () => ({ ...stored, collection: "handbook" }))
    .handle("rag.ask", () => ({ answer: "Hello", conversationId: "c1", message: stored.messages[1]!, citations: [], hits: [], sources: [] }));
});

test("with a remote model chosen, every turn names it and no local model is asked for", async () => {
  chooseRemote("team-llm");
  assert.equal(globalThis.localStorage.getItem("enclave.remoteModel"), "team-llm", "remembered across restarts");
  await send("Hi");
  assert.equal(api.callsOf("inference.status").length, 0, "a remote turn needs no loaded model");
  assert.deepEqual(api.callsOf("chat.send")[0]!.input, { conversationId: "c1", text: "Hi", model: "team-llm" });
  await regenerate();
  assert.deepEqual(api.callsOf("chat.regenerate")[0]!.input, { conversationId: "c1", model: "team-llm" });
  await editMessage("u1", "Hi again");
  assert.equal((api.callsOf("chat.edit")[0]!.input as { model?: string }).model, "team-llm");
  await setCollection("handbook");
  await send("What is the leave policy?");
  assert.equal((api.callsOf("rag.ask")[0]!.input as { model?: string }).model, "team-llm", "grounded answers go through it too");
});

test("choosing the local model again sends no model; a removed remote entry is no longer chosen", async () => {
  chooseRemote("team-llm");
  chooseRemote(null);
  useChatStore.setState({ active: conversation("c1") });
  await send("Hi");
  assert.deepEqual(api.callsOf("chat.send")[0]!.input, { conversationId: "c1", text: "Hi" });

  chooseRemote("team-llm");
  await refreshRemoteModels();
  assert.deepEqual(useRemoteChoice.getState(), { available: [teamLlm], chosen: "team-llm" }, "still configured: kept");
  api.handle("settings.get", () => ({ settings: { ...DEFAULT_SETTINGS, remoteModels: [] }, locked: [] }));
  await refreshRemoteModels();
  assert.equal(answeringRemote(), null);
  assert.equal(globalThis.localStorage.getItem("enclave.remoteModel"), null);
  assert.deepEqual(initialRemoteChoice().chosen, null);
});
