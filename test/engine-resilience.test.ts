// What must not break the engine: bad model files, models that do not fit, repeated switching,
// and a kill -9 in the middle of an answer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isEngineError, type ErrorCode } from "../native/contract/errors.ts";
import type { ChatDeltaEvent } from "../native/contract/events.ts";
import { getTestModels, writeCorruptVariants, writeOversizedModel, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let models: TestModels;
let engine: TestEngine;
const greedy = { temperature: 0, maxTokens: 4 };

before(async () => {
  models = await getTestModels();
  engine = await startTestEngine();
});
after(async () => engine?.close());

async function assertStillServes(): Promise<void> {
  await engine.client.call("inference.load", { model: models.q4_0, contextSize: 256 });
  const c = await engine.client.call("conversations.create", {});
  const r = await engine.client.call("chat.send", { conversationId: c.id, text: "ok?", sampling: greedy });
  assert.equal(r.assistantMessage.status, "complete");
}

test("each bad model file gives its own clear error, and the next call succeeds", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-bad-"));
  const bad = await writeCorruptVariants(dir);
  const cases: [string, string, ErrorCode[], RegExp][] = [
    ["truncated GGUF", bad.truncated, ["INVALID_MODEL_FILE"], /truncat|could not be loaded|cannot be loaded/i],
    ["bad magic", bad.badMagic, ["INVALID_MODEL_FILE"], /not a GGUF|cannot be loaded|could not be loaded/i],
    ["text named .gguf", bad.textFile, ["INVALID_MODEL_FILE"], /not a GGUF|cannot be loaded|could not be loaded/i],
    ["absurd tensor count", bad.hugeTensorCount, ["INVALID_MODEL_FILE"], /cannot be loaded|could not be loaded|corrupt|invalid/i],
    ["absurd metadata count", bad.hugeKvCount, ["INVALID_MODEL_FILE"], /cannot be loaded|could not be loaded|corrupt|invalid/i],
    ["missing file", join(dir, "nope.gguf"), ["MODEL_NOT_FOUND", "NOT_FOUND"], /nope\.gguf/],
  ];
  for (const [what, path, codes, message] of cases) {
    await assert.rejects(
      engine.client.call("inference.load", { model: path }),
      (err) => isEngineError(err) && codes.includes(err.code) && message.test(err.message),
      what,
    );
    await assertStillServes();
  }
});

test("a model too big for this machine is refused with OUT_OF_MEMORY before loading", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-big-"));
  const huge = await writeOversizedModel(dir);
  await assert.rejects(
    engine.client.call("inference.load", { model: huge }),
    (err) => isEngineError(err, "OUT_OF_MEMORY") && /RAM/.test(err.message),
  );
  await assertStillServes();
});

test("20 switches between quantizations do not grow resident memory by more than 5%", async () => {
  const rssAfterLoad = async (i: number): Promise<number> => {
    await engine.client.call("inference.load", { model: i % 2 ? models.q4_0 : models.q8_0, contextSize: 256 });
    return (await engine.client.call("inference.status", {})).rssBytes;
  };
  // Warm up: allocator pools and llama.cpp's one-time buffers settle in the first switches.
  const warm: number[] = [];
  for (let i = 0; i < 8; i++) warm.push(await rssAfterLoad(i));
  const switched: number[] = [];
  for (let i = 0; i < 20; i++) switched.push(await rssAfterLoad(i));
  // A leak raises the floor that RSS returns to after each switch; one sample swings by a few
  // percent with where the allocator happened to place the last model. So the floor of the last four
  // switches of each phase is compared: both halves of each q4_0/q8_0 pair.
  const floor = (xs: number[]) => Math.min(...xs.slice(-4));
  const baseline = floor(warm);
  const afterSwitches = floor(switched);
  const growth = (afterSwitches - baseline) / baseline;
  assert.ok(growth < 0.05, `RSS grew ${(growth * 100).toFixed(1)}% (${baseline} → ${afterSwitches} bytes; last samples ${switched.slice(-4).join(", ")})`);
});

test("a conversation survives kill -9 mid-answer: what was shown is kept, marked interrupted", async () => {
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
  const c = await engine.client.call("conversations.create", {});
  let shown = "";
  let killed = false;
  const answering = engine.client.call(
    "chat.send",
    { conversationId: c.id, text: "Write at length.", sampling: { temperature: 0, maxTokens: 100_000 } },
    {
      onEvent: (name, payload) => {
        if (name !== "chat.delta") return;
        shown += (payload as ChatDeltaEvent).text;
        if (!killed && shown.length > 60) {
          killed = true;
          engine.client.kill("SIGKILL");
        }
      },
    },
  );
  await assert.rejects(answering, (err) => isEngineError(err, "ENGINE_CRASHED"));
  const stored = await engine.client.call("conversations.get", { id: c.id });
  const answer = stored.messages.at(-1)!;
  assert.equal(stored.messages[0]!.text, "Write at length.");
  assert.equal(answer.status, "interrupted");
  assert.ok(answer.text.startsWith(shown), "every delta that was shown is in the saved answer");
  await assertStillServes();
});
