import "../../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, render, screen, act, fireEvent } from "@testing-library/react";
import { MessageList } from "./MessageList.tsx";
import { DELTA_FLUSH_MS, useChatStore, send } from "../store.ts";
import { freshApi } from "../../../testing/install.ts";
import type { FakeApi } from "../../../testing/fake-api.ts";
import { conversation, entry, loadedModel, message } from "../../../testing/fixtures.ts";

afterEach(cleanup);
let api: FakeApi;
beforeEach(() => {
  api = freshApi();
});

function Connected() {
  const messages = useChatStore((s) => s.messages);
  const turn = useChatStore((s) => s.turn);
  return <MessageList messages={messages} idle={!turn} onEdit={() => {}} onRegenerate={() => {}} />;
}

test("an answer streams in as Markdown, thinking folded away, then settles with its stats", async () => {
  let requestId = "";
  let release!: () => void;
  const user = message({ id: "u1", role: "user", text: "Q" });
  const done = message({
    id: "a1",
    role: "assistant",
    text: "**Bold** answer",
    status: "complete",
    stopReason: "eos",
    stats: { promptTokens: 20, evaluatedPromptTokens: 5, outputTokens: 42, ttftMs: 180, totalMs: 2000, tokensPerSecond: 21.5, threads: 2, modelId: "m", modelName: "Mistral", quant: "Q4_K_M" },
  });
  api
    .handle("inference.status", () => ({ loaded: loadedModel(entry({ id: "m" })), rssBytes: 1, busy: false }))
    .handle("conversations.create", () => conversation("c1"))
    .handle("conversations.list", () => ({ conversations: [] }))
    .handle("conversations.get", () => conversation("c1", [user, done]))
    .handle("chat.send", async (_i, ctx) => {
      requestId = ctx.requestId;
      await new Promise<void>((r) => (release = r));
      return { conversationId: "c1", userMessage: user, assistantMessage: done };
    });
  render(<Connected />);
  let sending!: Promise<void>;
  await act(async () => {
    sending = send("Q");
  });
  assert.ok(screen.getByLabelText("Writing the answer"), "an empty streaming answer shows the typing dots");

  await act(async () => {
    api.emit("chat.delta", { requestId, conversationId: "c1", messageId: "a1", kind: "thinking", text: "Let me think" });
    api.emit("chat.delta", { requestId, conversationId: "c1", messageId: "a1", kind: "text", text: "**Bold**" });
    api.emit("chat.delta", { requestId, conversationId: "c1", messageId: "a1", kind: "text", text: " ans" });
    await new Promise((r) => setTimeout(r, DELTA_FLUSH_MS + 10));
  });
  assert.equal(screen.getByText("Bold").tagName, "STRONG");
  assert.ok(screen.getByText(/ans$/));
  const thinking = screen.getByText("Let me think").closest("details")!;
  assert.equal(thinking.open, false, "thinking is collapsed");
  assert.equal(screen.queryByRole("button", { name: "Copy message" }), null, "no actions on a streaming answer");

  await act(async () => {
    release();
    await sending;
  });
  assert.ok(screen.getByText(/21\.5 tok\/s · 180 ms to first token · 42 tokens · finished · Mistral Q4_K_M/));
  assert.equal(screen.getAllByRole("button", { name: "Copy message" }).length, 2);
  assert.ok(screen.getByRole("button", { name: "Regenerate answer" }));
});

test("an interrupted answer says so, and raw HTML in an answer is never rendered as HTML", () => {
  const messages = [
    message({ id: "u1", role: "user", text: "<b>user html</b>" }),
    message({ id: "a1", role: "assistant", text: 'Partial <img src=x onerror="alert(1)"> <b>bold?</b>', status: "interrupted", stopReason: "interrupted" }),
  ];
  const { container } = render(<MessageList messages={messages} idle onEdit={() => {}} onRegenerate={() => {}} />);
  assert.ok(screen.getByText(/Interrupted: the engine stopped/));
  assert.equal(container.querySelector("img"), null);
  assert.equal(container.querySelector(".markdown b"), null);
  assert.ok(screen.getByText("<b>user html</b>"));
});

test("long chats are virtualised: only a window of messages is in the DOM", () => {
  // jsdom has no layout: give elements a size so the virtualiser has a viewport to fill.
  const proto = window.Element.prototype;
  const sized = (value: number) => ({ configurable: true, get: () => value });
  Object.defineProperty(proto, "clientHeight", sized(800));
  Object.defineProperty(proto, "clientWidth", sized(1000));
  const realRect = proto.getBoundingClientRect;
  proto.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, bottom: 100, right: 1000, width: 1000, height: 100, toJSON: () => ({}) });
  try {
    const messages = Array.from({ length: 500 }, (_, i) => message({ id: `m${i}`, role: i % 2 ? "assistant" : "user", text: `message ${i}` }));
    const { container } = render(<MessageList messages={messages} idle onEdit={() => {}} onRegenerate={() => {}} />);
    const shown = container.querySelectorAll("article.message").length;
    // jsdom cannot scroll, so the window is wider than in a browser (Chromium: 12 of 72 in the DOM).
    assert.ok(shown > 0 && shown < 300, `rendered ${shown} of 500`);
    assert.ok(screen.getByText("message 499"), "the list opens at the newest message");
  } finally {
    delete (proto as unknown as Record<string, unknown>).clientHeight;
    delete (proto as unknown as Record<string, unknown>).clientWidth;
    proto.getBoundingClientRect = realRect;
  }
});

test("a grounded answer shows its sources as citation chips once it is complete", () => {
  const citation = { n: 1, documentId: "d1", file: "/docs/lease.pdf", page: 4, pageEnd: 4, text: "Rent is due monthly.", score: 1, quotes: [], verified: true };
  const answer = message({ id: "a1", role: "assistant", text: "Rent is due monthly [1].", status: "complete", citations: [citation] });
  const { rerender } = render(<MessageList messages={[{ ...answer, status: "streaming" }]} idle={false} onEdit={() => {}} onRegenerate={() => {}} />);
  assert.equal(screen.queryByRole("list", { name: "Sources" }), null, "no chips while streaming");
  rerender(<MessageList messages={[answer]} idle onEdit={() => {}} onRegenerate={() => {}} />);
  assert.ok(screen.getByRole("button", { name: /^\[1\] lease\.pdf · p\. 4/ }));
});

test("an answer that cites nothing still lists the sources it was given", () => {
  const source = { n: 2, documentId: "d2", file: "/docs/memo.docx", page: 1, pageEnd: 1, text: "Budget memo.", score: 1, quotes: [], verified: true };
  render(<MessageList messages={[message({ id: "a1", role: "assistant", text: "No idea.", status: "complete", citations: [], sources: [source] })]} idle onEdit={() => {}} onRegenerate={() => {}} />);
  assert.ok(screen.getByRole("button", { name: /^\[2\] memo\.docx · p\. 1/ }));
});

test("a message with versions shows ‹ n/m › and steps to its neighbours", async () => {
  const picked: string[] = [];
  const versions = { index: 2, ids: ["a1", "a2", "a3"] };
  render(
    <MessageList
      messages={[message({ id: "u1", role: "user", text: "Q" }), message({ id: "a2", role: "assistant", text: "Second", status: "complete", versions })]}
      idle
      onEdit={() => {}}
      onRegenerate={() => {}}
      onSelectVersion={(id) => picked.push(id)}
    />,
  );
  assert.ok(screen.getByRole("group", { name: "Version 2 of 3 of this answer" }));
  fireEvent.click(screen.getByRole("button", { name: "Previous version of this answer" }));
  fireEvent.click(screen.getByRole("button", { name: "Next version of this answer" }));
  assert.deepEqual(picked, ["a1", "a3"]);
});
