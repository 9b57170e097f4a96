import "../../../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, render } from "@testing-library/react";
import type { AnswerStats } from "../../../../native/contract/conversations.ts";
import { message } from "../../../testing/fixtures.ts";
import { MessageStats, speculativeLabel } from "./MessageStats.tsx";

afterEach(cleanup);

const stats: AnswerStats = {
  promptTokens: 20, evaluatedPromptTokens: 20, outputTokens: 12, ttftMs: 40, totalMs: 200, tokensPerSecond: 55.5, threads: 2, modelId: "m", modelName: "Tiny", quant: "Q8_0",
};

test("an answer with speculative decoding shows its acceptance rate beside the other figures", () => {
  const { container } = render(
    <MessageStats message={message({ id: "a", role: "assistant", text: "x", stopReason: "eos", stats: { ...stats, speculative: { predictor: "draft", validated: 15, refuted: 25, acceptanceRate: 15 / 40 } } })} />,
  );
  assert.equal(container.textContent, "55.5 tok/s · 40 ms to first token · 12 tokens · finished · Tiny Q8_0 · draft: 38% of 40 predicted tokens accepted");
});

test("without speculative decoding nothing is added; with nothing predicted it says so", () => {
  const { container } = render(<MessageStats message={message({ id: "a", role: "assistant", text: "x", stats })} />);
  assert.doesNotMatch(container.textContent ?? "", /predicted|accepted/);
  assert.equal(speculativeLabel({ predictor: "prompt-lookup", validated: 0, refuted: 0, acceptanceRate: null }), "prompt lookup: no tokens predicted");
});

test("an answer written with LoRA adapters names each with its scale; none, nothing is added", () => {
  const { container } = render(<MessageStats message={message({ id: "a", role: "assistant", text: "x", stopReason: "eos", stats: { ...stats, adapters: [{ name: "style.gguf", scale: 2 }, { name: "tone.gguf", scale: 0.5 }] } })} />);
  assert.equal(container.textContent, "55.5 tok/s · 40 ms to first token · 12 tokens · finished · Tiny Q8_0 · LoRA style.gguf ×2, tone.gguf ×0.5");
  cleanup();
  const none = render(<MessageStats message={message({ id: "a", role: "assistant", text: "x", stats: { ...stats, adapters: [] } })} />);
  assert.doesNotMatch(none.container.textContent ?? "", /LoRA/);
});
