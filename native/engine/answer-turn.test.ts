// A grounded prompt is fitted before the model lock (chat-turns.ts); answer() checks under the lock
// that the model it was fitted to still answers. When a switch landed in between, it refuses with
// RefitNeeded before anything is written, so the caller fits the sources again. The model host is
// a stand-in here (no model is generated for a refusal that happens before generation); the
// conversation store is the real one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CallContext } from "../router/types.ts";
import type { ModelHost } from "../inference/model-host.ts";
import { DEFAULT_SETTINGS } from "../contract/settings.ts";
import { ConversationStore } from "../store/conversation-store.ts";
import { answer, RefitNeeded, type GroundedTurn } from "./answer-turn.ts";
import type { TurnSizing } from "./turn-backend.ts";

/** A host whose loaded model is `model` (only what withTurnBackend reads of it). */
function hostWith(model: object, contextSize: number): ModelHost {
  const loaded = { model, info: { contextSize } };
  const host = { loadedInfo: loaded.info, withLoaded: async <T>(fn: (l: typeof loaded) => Promise<T>) => fn(loaded) };
  return host as unknown as ModelHost;
}

function groundedFor(sizing: TurnSizing): GroundedTurn {
  return { modelText: "Sources: [1] …\nQuestion: When?", citationsFor: () => [], sources: [], fittedTo: sizing };
}

const ctx: CallContext = { requestId: "1", signal: new AbortController().signal, emit: () => undefined };

test("a prompt fitted to another model is refused under the lock, before anything is written", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-answer-turn-"));
  const store = ConversationStore.open(dir);
  try {
    const conversation = await store.create({ systemPrompt: "", collection: "docs" });
    const before = { countTokens: (t: string) => t.length, contextSize: 2048, answerer: {} };
    const deps = { store, host: hostWith({}, 2048), settings: () => DEFAULT_SETTINGS };
    await assert.rejects(answer(deps, ctx, conversation.id, undefined, { turn: { kind: "send", text: "When?" }, grounded: groundedFor(before) }), RefitNeeded);
    assert.deepEqual((await store.get(conversation.id)).messages, [], "no question without its answer");

    // The same model at another context size is another fit too.
    const model = {};
    const resized = { ...before, answerer: model, contextSize: 4096 };
    await assert.rejects(answer({ ...deps, host: hostWith(model, 512) }, ctx, conversation.id, undefined, { turn: { kind: "send", text: "When?" }, grounded: groundedFor(resized) }), RefitNeeded);
    assert.deepEqual((await store.get(conversation.id)).messages, []);
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
