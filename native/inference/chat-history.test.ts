import { test } from "node:test";
import assert from "node:assert/strict";
import { toChatHistory } from "./chat-history.ts";

const at = "2026-01-01T00:00:00.000Z";

test("system prompt first, then turns in order, thinking left out", () => {
  const history = toChatHistory("Be brief.", [
    { id: "1", role: "user", text: "Hi", createdAt: at },
    { id: "2", role: "assistant", text: "Hello", thinking: "greet back", createdAt: at, status: "complete" },
  ]);
  assert.deepEqual(history, [
    { type: "system", text: "Be brief." },
    { type: "user", text: "Hi" },
    { type: "model", response: ["Hello"] },
  ]);
});

test("an empty system prompt adds no system item", () => {
  assert.deepEqual(toChatHistory("  ", [{ id: "1", role: "user", text: "Hi", createdAt: at }]), [{ type: "user", text: "Hi" }]);
});
