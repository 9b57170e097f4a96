import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { dismissNotice, receiveNotice, toastError, useAppStore, initialAppState } from "./app-store.ts";
import { errorMessage } from "./errors.ts";

beforeEach(() => useAppStore.setState({ ...initialAppState }, true));

test("engine notices move the engine state and show a banner; reconnection clears it", () => {
  assert.equal(receiveNotice({ level: "warning", code: "ENGINE_CRASHED", message: "The engine stopped and was restarted." }), "restarted");
  assert.equal(useAppStore.getState().notice?.message, "The engine stopped and was restarted.");
  dismissNotice();
  assert.equal(useAppStore.getState().engine, "ready");
  assert.equal(receiveNotice({ level: "warning", code: "RECONNECTING", message: "Lost the connection" }), "reconnecting");
  assert.equal(receiveNotice({ level: "info", code: "RECONNECTED", message: "Connection restored." }), "ready");
  assert.equal(useAppStore.getState().notice, null);
  assert.equal(useAppStore.getState().toasts.at(-1)?.text, "Connection restored.");
  assert.equal(receiveNotice({ level: "error", code: "ENGINE_UNAVAILABLE", message: "gave up" }), "unavailable");
});

test("errors toast as sentences; a cancel the user asked for is not an error", () => {
  toastError({ code: "OUT_OF_MEMORY", message: "The model needs 9 GB; 4 GB are free." });
  toastError({ code: "ABORTED", message: "Cancelled." });
  toastError({ weird: true });
  const texts = useAppStore.getState().toasts.map((t) => t.text);
  assert.deepEqual(texts, ["The model needs 9 GB; 4 GB are free.", "Something went wrong, and the engine gave no reason."]);
  assert.equal(errorMessage(new Error("boom")), "boom");
  assert.ok(!texts.some((t) => t.includes("[object")));
});
