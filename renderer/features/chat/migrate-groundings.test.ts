import "../../test-setup.ts";
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { freshApi } from "../../testing/install.ts";
import type { FakeApi } from "../../testing/fake-api.ts";
import { conversation } from "../../testing/fixtures.ts";
import type { Conversation } from "../../../native/contract/conversations.ts";
import { migrateGroundings, OLD_GROUNDINGS_KEY } from "./migrate-groundings.ts";

let api: FakeApi;
let stored: Map<string, Conversation>;

beforeEach(() => {
  globalThis.localStorage.clear();
  api = freshApi();
  stored = new Map([
    ["c1", conversation("c1")],
    ["c2", { ...conversation("c2"), collection: "engine-choice" }],
  ]);
  api
    .handle("conversations.get", ({ id }) => {
      const found = stored.get(id);
      if (!found) throw { code: "CONVERSATION_NOT_FOUND", message: `No conversation ${id}.` };
      return found;
    })
    .handle("conversations.update", ({ id, collection }) => {
      const next = { ...stored.get(id)!, collection: collection ?? null };
      stored.set(id, next);
      return next;
    });
});

test("each remembered grounding moves to the engine once, the engine's own choice wins, and the key is deleted", async () => {
  globalThis.localStorage.setItem(OLD_GROUNDINGS_KEY, JSON.stringify({ c1: "reports", c2: "old-choice", gone: "notes" }));
  const result = await migrateGroundings();
  assert.deepEqual(result, { moved: ["c1"], kept: 0 });
  assert.equal(stored.get("c1")!.collection, "reports");
  assert.equal(stored.get("c2")!.collection, "engine-choice", "a choice the engine already has is newer: kept");
  assert.equal(globalThis.localStorage.getItem(OLD_GROUNDINGS_KEY), null);
  assert.deepEqual(api.calls.filter((c) => c.method === "conversations.update").map((c) => c.input), [{ id: "c1", collection: "reports" }]);

  // Once: a second run has nothing to read and asks the engine nothing.
  const before = api.calls.length;
  assert.deepEqual(await migrateGroundings(), { moved: [], kept: 0 });
  assert.equal(api.calls.length, before);
});

test("an entry the engine cannot take now is kept for the next start; nothing is lost", async () => {
  globalThis.localStorage.setItem(OLD_GROUNDINGS_KEY, JSON.stringify({ c1: "reports", c3: "later" }));
  api.handle("conversations.get", ({ id }) => {
    if (id === "c3") throw { code: "ENGINE_UNAVAILABLE", message: "The engine is restarting." };
    return stored.get(id)!;
  });
  assert.deepEqual(await migrateGroundings(), { moved: ["c1"], kept: 1 });
  assert.deepEqual(JSON.parse(globalThis.localStorage.getItem(OLD_GROUNDINGS_KEY)!), { c3: "later" });
});

test("a corrupt key is dropped without asking the engine", async () => {
  globalThis.localStorage.setItem(OLD_GROUNDINGS_KEY, "{not json");
  assert.deepEqual(await migrateGroundings(), { moved: [], kept: 0 });
  assert.equal(globalThis.localStorage.getItem(OLD_GROUNDINGS_KEY), null);
  assert.equal(api.calls.length, 0);
});
