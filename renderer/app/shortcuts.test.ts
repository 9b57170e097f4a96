import "../test-setup.ts";
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { handleShortcut } from "./shortcuts.ts";
import { freshApi } from "../testing/install.ts";
import type { FakeApi } from "../testing/fake-api.ts";
import { useAppStore } from "../shared/app-store.ts";
import { useChatStore } from "../features/chat/store.ts";
import { conversation } from "../testing/fixtures.ts";
import { resolveTheme } from "../shared/theme.ts";

let api: FakeApi;
beforeEach(() => {
  api = freshApi();
  document.body.innerHTML = "";
});

const key = (init: KeyboardEventInit) => new window.KeyboardEvent("keydown", { cancelable: true, ...init });

test("Ctrl/Cmd+K and Ctrl/Cmd+M toggle the model switcher", () => {
  assert.equal(handleShortcut(key({ key: "k", ctrlKey: true })), true);
  assert.equal(useAppStore.getState().switcherOpen, true);
  assert.equal(handleShortcut(key({ key: "M", metaKey: true })), true);
  assert.equal(useAppStore.getState().switcherOpen, false);
  assert.equal(handleShortcut(key({ key: "k" })), false, "a plain k is typing");
});

test("Ctrl/Cmd+N starts a new chat from any view", () => {
  useAppStore.setState({ view: "models" });
  useChatStore.setState({ active: conversation("c1"), messages: conversation("c1").messages });
  assert.equal(handleShortcut(key({ key: "n", ctrlKey: true })), true);
  assert.equal(useAppStore.getState().view, "chat");
  assert.equal(useChatStore.getState().active, null);
});

test("Esc stops an answer being written, unless a dialog is open or a control handled it", () => {
  useChatStore.setState({ turn: { requestId: "r1", conversationId: "c1" } });
  const handled = key({ key: "Escape" });
  handled.preventDefault();
  assert.equal(handleShortcut(handled), false);
  document.body.innerHTML = '<div role="dialog"></div>';
  assert.equal(handleShortcut(key({ key: "Escape" })), false);
  document.body.innerHTML = "";
  assert.equal(handleShortcut(key({ key: "Escape" })), true);
  assert.deepEqual(api.cancelled, ["r1"]);
  useChatStore.setState({ turn: null });
  assert.equal(handleShortcut(key({ key: "Escape" })), false, "nothing to stop");
});

test("the system theme follows the OS; an explicit choice wins", () => {
  assert.equal(resolveTheme("system", true), "dark");
  assert.equal(resolveTheme("system", false), "light");
  assert.equal(resolveTheme("light", true), "light");
  assert.equal(resolveTheme("dark", false), "dark");
});
