import { test } from "node:test";
import assert from "node:assert/strict";
import { EngineError, ErrorCode } from "../contract/errors.ts";
import { describeFailure, EXIT_CODE_BY_ERROR, ExitCode, UsageError } from "./exit-codes.ts";

test("every engine error code has an exit status", () => {
  for (const code of ErrorCode.options) assert.equal(typeof EXIT_CODE_BY_ERROR[code], "number", code);
});

test("failures map to their category", () => {
  const cases: [unknown, number][] = [
    [new UsageError("bad"), ExitCode.USAGE],
    [new EngineError("INVALID_INPUT", "x"), ExitCode.USAGE],
    [new EngineError("MODEL_NOT_FOUND", "x"), ExitCode.NOT_FOUND],
    [new EngineError("NOT_FOUND", "x"), ExitCode.NOT_FOUND],
    [new EngineError("INVALID_MODEL_FILE", "x"), ExitCode.INVALID_MODEL],
    [new EngineError("OUT_OF_MEMORY", "x"), ExitCode.OUT_OF_MEMORY],
    [new EngineError("ABORTED", "x"), ExitCode.ABORTED],
    [new EngineError("ENGINE_CRASHED", "x"), ExitCode.ENGINE_FAILED],
    [new EngineError("INTERNAL", "x"), ExitCode.GENERAL],
    [Object.assign(new Error("no such file"), { code: "ENOENT" }), ExitCode.NOT_FOUND],
    [new DOMException("This operation was aborted", "AbortError"), ExitCode.ABORTED],
    ["a string", ExitCode.GENERAL],
  ];
  for (const [err, code] of cases) assert.equal(describeFailure(err).exitCode, code, String(err));
});

test("the message is the error's own, and usage travels with usage errors only", () => {
  assert.deepEqual(describeFailure(new EngineError("MODEL_NOT_FOUND", "No model at /x.gguf")), { exitCode: 3, message: "No model at /x.gguf" });
  assert.deepEqual(describeFailure(new UsageError("missing <dir>", "Usage: …")), { exitCode: 2, message: "missing <dir>", usage: "Usage: …" });
});
