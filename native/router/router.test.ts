import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { defineMethods } from "../contract/define.ts";
import { EngineError } from "../contract/errors.ts";
import { createRouter, type EventSink } from "./router.ts";

const table = defineMethods({
  echo: { summary: "", input: z.object({ n: z.number() }), output: z.object({ n: z.number() }) },
  bad: { summary: "", input: z.object({}), output: z.object({ n: z.number() }) },
  wait: { summary: "", input: z.object({}), output: z.object({}) },
  fail: { summary: "", input: z.object({}), output: z.object({}) },
});
const noSink: EventSink = () => undefined;

function router() {
  return createRouter(table, {
    echo: async ({ n }, ctx) => {
      ctx.emit("progress", { task: "load", fraction: 0.5 });
      return { n };
    },
    bad: async () => ({ n: "x" }) as unknown as { n: number },
    wait: (_input, ctx) => new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(new Error("stopped")))),
    fail: async () => {
      throw new EngineError("MODEL_NOT_FOUND", "nope");
    },
  });
}

test("valid calls run and their events carry the request id", async () => {
  const events: unknown[] = [];
  const outcome = await router().dispatch("r1", "echo", { n: 3 }, (name, payload) => events.push([name, payload]));
  assert.deepEqual(outcome, { ok: true, output: { n: 3 } });
  assert.deepEqual(events, [["progress", { task: "load", fraction: 0.5, requestId: "r1" }]]);
});

test("unknown methods, bad input and malformed output become typed errors", async () => {
  const r = router();
  assert.equal(((await r.dispatch("a", "nope", {}, noSink)) as { error: { code: string } }).error.code, "UNKNOWN_METHOD");
  assert.equal(((await r.dispatch("b", "echo", { n: "3" }, noSink)) as { error: { code: string } }).error.code, "INVALID_INPUT");
  assert.equal(((await r.dispatch("c", "bad", {}, noSink)) as { error: { code: string } }).error.code, "INTERNAL");
  assert.deepEqual(await r.dispatch("d", "fail", {}, noSink), { ok: false, error: { code: "MODEL_NOT_FOUND", message: "nope" } });
});

test("cancel aborts the call's signal and reports ABORTED", async () => {
  const r = router();
  const pending = r.dispatch("w", "wait", {}, noSink);
  assert.equal(r.inFlight, 1);
  r.cancel("w");
  assert.equal(((await pending) as { error: { code: string } }).error.code, "ABORTED");
  assert.equal(r.inFlight, 0);
});
