import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { chatJson, createDeltaWriter, formatTurnStats } from "./chat-turn.ts";
import { PLAIN } from "./output.ts";
import { sampleLoaded, sampleTurn } from "./test-fixtures.ts";

function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

test("answer text goes to stdout, thinking to stderr, each ended on its own line", () => {
  const out = capture();
  const err = capture();
  const writer = createDeltaWriter(out.stream, err.stream, { ...PLAIN, dim: (t) => `<${t}>` });
  writer.write({ kind: "thinking", text: "hmm" });
  writer.write({ kind: "text", text: "Hel" });
  writer.write({ kind: "text", text: "lo" });
  writer.end();
  assert.equal(out.text(), "Hello\n");
  assert.equal(err.text(), "<hmm>\n");
  assert.equal(writer.wroteText, true);
});

test("an empty answer writes nothing", () => {
  const out = capture();
  const writer = createDeltaWriter(out.stream, out.stream, PLAIN);
  writer.end();
  assert.equal(out.text(), "");
});

test("the --json object is built from the answer's stats and the loaded model", () => {
  assert.deepEqual(chatJson(sampleTurn({ thinking: "t" }), sampleLoaded()), {
    text: "Hello there",
    thinking: "t",
    tokens: 8,
    promptTokens: 12,
    ttftMs: 40,
    tokensPerSecond: 50,
    threads: 1,
    stopReason: "max-tokens",
    model: { id: "0123456789abcdef", name: "Tiny", quant: "Q8_0", path: "/models/tiny-q8_0.gguf" },
    conversationId: "c1",
  });
  const bare = chatJson(sampleTurn({ stats: undefined, stopReason: "aborted", text: "" }), sampleLoaded());
  assert.equal(bare.tokens, null);
  assert.equal(bare.thinking, "");
  assert.equal(bare.threads, 1);
});

test("turn statistics line", () => {
  assert.equal(formatTurnStats(sampleTurn().assistantMessage), "8 tokens · 50.0 tok/s · first token 40 ms · 1 thread · stopped: max-tokens");
  assert.equal(formatTurnStats(sampleTurn({ stats: undefined, stopReason: "aborted" }).assistantMessage), "stopped");
  const withAdapters = sampleTurn().assistantMessage;
  withAdapters.stats = { ...withAdapters.stats!, adapters: [{ name: "style.gguf", scale: 2 }] };
  assert.equal(formatTurnStats(withAdapters), "8 tokens · 50.0 tok/s · first token 40 ms · 1 thread · LoRA style.gguf ×2 · stopped: max-tokens");
});
