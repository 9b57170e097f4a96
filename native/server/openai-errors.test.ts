import { test } from "node:test";
import assert from "node:assert/strict";
import { EngineError } from "../contract/errors.ts";
import { toApiError } from "./openai-errors.ts";

test("engine errors map to OpenAI's statuses and error objects", () => {
  const missing = toApiError(new EngineError("MODEL_NOT_FOUND", "The model \"x\" does not exist."));
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.body, { error: { message: 'The model "x" does not exist.', type: "invalid_request_error", param: "model", code: "model_not_found" } });
  const full = toApiError(new EngineError("BUSY", "queue full", { queueFull: true, retryAfterS: 1 }));
  assert.equal(full.status, 429);
  assert.equal(full.body.error.code, "rate_limit_exceeded");
  assert.equal(full.headers["retry-after"], "1");
  assert.equal(toApiError(new EngineError("BUSY", "no serving sequences")).status, 503);
  assert.equal(toApiError(new EngineError("INVALID_INPUT", "bad", { param: "input" })).body.error.param, "input");
  assert.equal(toApiError(new Error("boom")).status, 500);
  assert.equal(toApiError(Object.assign(new Error("big"), { code: "FST_ERR_CTP_BODY_TOO_LARGE", statusCode: 413 })).status, 413);
});
