import { test } from "node:test";
import assert from "node:assert/strict";
import { connectApi, takeToken, webSocketUrl } from "./api.ts";
import { FakeApi } from "../testing/fake-api.ts";

function fakeWindow(href: string) {
  const url = new URL(href);
  const store = new Map<string, string>();
  const replaced: string[] = [];
  const location = { href: url.href, hash: url.hash, pathname: url.pathname, search: url.search, protocol: url.protocol } as Location;
  const sessionStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage;
  const history = { replaceState: (_s: unknown, _t: string, u: string) => void replaced.push(u) } as History;
  return { location, sessionStorage, history, replaced, store };
}

test("the token is taken from the fragment, kept for the tab and removed from the visible URL", () => {
  const w = fakeWindow("http://127.0.0.1:4873/?x=1#token=abc%2Bdef");
  assert.equal(takeToken(w.location, w.sessionStorage, w.history), "abc+def");
  assert.deepEqual(w.replaced, ["/?x=1"]);
  const reload = fakeWindow("http://127.0.0.1:4873/");
  reload.sessionStorage.setItem("enclave.token", "abc+def");
  assert.equal(takeToken(reload.location, reload.sessionStorage, reload.history), "abc+def");
  assert.deepEqual(reload.replaced, [], "nothing to strip on reload");
});

test("the WebSocket address follows the page's origin and scheme", () => {
  assert.equal(webSocketUrl(fakeWindow("http://127.0.0.1:4873/index.html#token=x").location), "ws://127.0.0.1:4873/ws");
  assert.equal(webSocketUrl(fakeWindow("https://host.local/").location), "wss://host.local/ws");
});

test("Electron's preload wins; without it and without a token the error says what to do", () => {
  const preload = new FakeApi();
  assert.equal(connectApi({ enclave: preload } as unknown as Window), preload);
  const w = fakeWindow("http://127.0.0.1:4873/");
  assert.throws(() => connectApi({ location: w.location, sessionStorage: w.sessionStorage, history: w.history } as unknown as Window), /#token=/);
});
