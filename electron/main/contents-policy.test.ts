import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { HandlerDetails, WindowOpenHandlerResponse } from "electron";
import { applyContentsPolicy, type PolicedContents } from "./contents-policy.ts";

const app = "app://enclave/index.html";

function setup() {
  const emitter = new EventEmitter();
  let openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  }) as unknown as PolicedContents;
  const opened: string[] = [];
  const logged: string[] = [];
  applyContentsPolicy(contents, { appUrl: app, openExternal: (url) => opened.push(url), log: (l) => logged.push(l) });
  const navigate = (url: string, isMainFrame = true) => {
    let prevented = false;
    emitter.emit("will-frame-navigate", { url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  };
  const open = (url: string) => openHandler!({ url } as HandlerDetails);
  return { emitter, navigate, open, opened, logged };
}

test("navigation within the app is allowed", () => {
  const { navigate, opened } = setup();
  assert.equal(navigate(`${app}#/documents`), false);
  assert.deepEqual(opened, []);
});

test("an http(s) link is stopped and offered to the system browser", () => {
  const { navigate, opened } = setup();
  assert.equal(navigate("https://example.com/paper"), true);
  assert.deepEqual(opened, ["https://example.com/paper"]);
});

test("other schemes, other files and subframe escapes are refused without opening anything", () => {
  const { navigate, opened, logged } = setup();
  assert.equal(navigate("file:///etc/passwd"), true);
  assert.equal(navigate("javascript:alert(1)"), true);
  assert.equal(navigate("https://example.com/", false), true);
  assert.deepEqual(opened, []);
  assert.equal(logged.length, 3);
});

test("window.open is always denied; an http(s) target goes to the browser", () => {
  const { open, opened } = setup();
  assert.deepEqual(open("https://example.com/"), { action: "deny" });
  assert.deepEqual(open(app), { action: "deny" });
  assert.deepEqual(open("file:///etc/passwd"), { action: "deny" });
  assert.deepEqual(opened, ["https://example.com/"]);
});

test("a <webview> is never attached", () => {
  const { emitter, logged } = setup();
  let prevented = false;
  emitter.emit("will-attach-webview", { preventDefault: () => (prevented = true) });
  assert.equal(prevented, true);
  assert.match(logged[0]!, /webview/);
});
