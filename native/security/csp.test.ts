// Issue 7: the Electron shell's and the web host's policies had drifted (the web host's lacked
// base-uri, form-action and frame-src). Both now come from one builder: the same directives, the web
// host adding only its socket.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CONTENT_SECURITY_POLICY } from "../web/security.ts";
import { buildCsp } from "./csp.ts";

function directives(csp: string): Map<string, string> {
  return new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d]));
}

test("the web host's policy is the shell's, plus its WebSocket in connect-src only", () => {
  const web = directives(CONTENT_SECURITY_POLICY);
  const shell = directives(buildCsp());
  assert.deepEqual([...web.keys()], [...shell.keys()]);
  for (const [name, value] of shell) {
    if (name === "connect-src") assert.equal(web.get(name), "connect-src 'self' ws://127.0.0.1:*");
    else assert.equal(web.get(name), value, name);
  }
  for (const d of ["base-uri 'none'", "form-action 'none'", "frame-src 'none'", "frame-ancestors 'none'", "object-src 'none'"]) {
    assert.ok(CONTENT_SECURITY_POLICY.includes(d), d);
  }
});
