import { test } from "node:test";
import assert from "node:assert/strict";
import { buildCsp, withCsp } from "./csp.ts";

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split("; ").map((d) => {
    const [name, ...sources] = d.split(" ");
    return [name!, sources];
  }));
}

test("the production policy: own scripts only, no inline or eval, no plugins, frames or network", () => {
  const d = directives(buildCsp());
  assert.deepEqual(d.get("script-src"), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(d.get("connect-src"), ["'self'"]);
  assert.deepEqual(d.get("object-src"), ["'none'"]);
  assert.deepEqual(d.get("frame-src"), ["'none'"]);
  assert.deepEqual(d.get("frame-ancestors"), ["'none'"]);
  assert.deepEqual(d.get("base-uri"), ["'none'"]);
  assert.deepEqual(d.get("form-action"), ["'none'"]);
  const all = buildCsp();
  assert.doesNotMatch(all, /'unsafe-eval'/, "JavaScript eval stays forbidden ('wasm-unsafe-eval' is WebAssembly only)");
  assert.doesNotMatch(all, /https?:|ws:/);
});

test("the dev policy adds the dev server, its HMR socket and the inline refresh preamble", () => {
  const d = directives(buildCsp({ devOrigin: "http://127.0.0.1:5173" }));
  assert.deepEqual(d.get("script-src"), ["'self'", "'wasm-unsafe-eval'", "http://127.0.0.1:5173", "'unsafe-inline'"]);
  assert.deepEqual(d.get("connect-src"), ["'self'", "http://127.0.0.1:5173", "ws://127.0.0.1:5173"]);
  assert.deepEqual(d.get("object-src"), ["'none'"]);
});

test("withCsp replaces whatever CSP a response brought, in any letter case, and keeps other headers", () => {
  const out = withCsp({ "content-security-policy": ["default-src *"], "Content-Type": "text/html", "X-A": ["1", "2"] }, "default-src 'self'");
  assert.deepEqual(out, { "Content-Type": ["text/html"], "X-A": ["1", "2"], "Content-Security-Policy": ["default-src 'self'"] });
  assert.deepEqual(withCsp(undefined, "x"), { "Content-Security-Policy": ["x"] });
});
