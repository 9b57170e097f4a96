import { test } from "node:test";
import assert from "node:assert/strict";
import { methods } from "./index.ts";
import { shellMethods } from "./shell.ts";
import { events } from "./events.ts";
import { API_METHOD_NAMES, EVENT_NAMES, isApiMethod, isEventName } from "./names.ts";

test("the plain name lists are exactly the contract's methods, shell methods and events (else: node --import tsx scripts/gen-contract-names.ts)", () => {
  assert.deepEqual([...API_METHOD_NAMES].sort(), [...Object.keys(methods), ...Object.keys(shellMethods)].sort());
  assert.deepEqual([...EVENT_NAMES].sort(), Object.keys(events).sort());
});

test("names outside the contract, and prototype keys, are not methods or events", () => {
  for (const bad of ["fs.read", "constructor", "__proto__", "toString", "", 42, null, undefined]) {
    assert.equal(isApiMethod(bad), false, String(bad));
    assert.equal(isEventName(bad), false, String(bad));
  }
  assert.equal(isApiMethod("engine.ping"), true);
  assert.equal(isEventName("chat.delta"), true);
});
