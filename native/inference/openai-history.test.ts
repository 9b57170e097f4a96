import { test } from "node:test";
import assert from "node:assert/strict";
import { toStatelessHistory } from "./openai-history.ts";
import { isEngineError } from "../contract/errors.ts";

test("maps roles and folds tool calls with their results into one model response", () => {
  const history = toStatelessHistory([
    { role: "system", content: "Be brief." },
    { role: "user", content: "Weather?" },
    { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "weather", arguments: '{"city":"Oslo"}' }] },
    { role: "tool", toolCallId: "c1", content: '{"celsius":3}' },
  ]);
  assert.deepEqual(history, [
    { type: "system", text: "Be brief." },
    { type: "user", text: "Weather?" },
    { type: "model", response: [{ type: "functionCall", name: "weather", params: { city: "Oslo" }, result: { celsius: 3 } }] },
  ]);
});

test("ends with an empty model response to fill, and refuses orphan tool messages and bad arguments", () => {
  assert.deepEqual(toStatelessHistory([{ role: "user", content: "hi" }]).at(-1), { type: "model", response: [] });
  assert.throws(() => toStatelessHistory([{ role: "tool", toolCallId: "x", content: "1" }]), (err) => isEngineError(err, "INVALID_INPUT"));
  assert.throws(
    () => toStatelessHistory([{ role: "assistant", content: "", toolCalls: [{ id: "a", name: "f", arguments: "{nope" }] }]),
    (err) => isEngineError(err, "INVALID_INPUT") && /not JSON/.test(err.message),
  );
});
