// A `kill -9` mid-answer loses nothing that was already shown: a child process streams an answer
// into the store, printing each delta after it is written; the parent kills it with SIGKILL and
// checks that every printed delta is in the stored answer, which is marked interrupted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { Conversation } from "../native/contract/conversations.ts";
import { ConversationStore } from "../native/store/conversation-store.ts";

const WRITER = fileURLToPath(new URL("./fixtures/conversation-writer.ts", import.meta.url));

interface Printed {
  conversationId: string;
  messageId: string;
  text: string;
  thinking: string;
  deltas: number;
}

/** Runs the writer until it has printed `deltas` deltas, then SIGKILLs it. */
async function runAndKill(dataDir: string, deltas: number, compactAfter?: number, mode?: "branch"): Promise<Printed> {
  const args = ["--import", "tsx", WRITER, dataDir, String(compactAfter ?? 0), ...(mode ? [mode] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const printed: Printed = { conversationId: "", messageId: "", text: "", thinking: "", deltas: 0 };
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const value = JSON.parse(line) as { conversationId?: string; messageId?: string; i?: number; kind?: string; text?: string };
    if (value.conversationId && value.messageId) {
      printed.conversationId = value.conversationId;
      printed.messageId = value.messageId;
      continue;
    }
    assert.equal(value.i, printed.deltas, "deltas arrive in order");
    if (value.kind === "thinking") printed.thinking += value.text;
    else printed.text += value.text;
    if (++printed.deltas === deltas) {
      child.kill("SIGKILL");
      break;
    }
  }
  const { code, signal } = await exited;
  assert.equal(signal, "SIGKILL", `the writer should have been killed, not exit with ${code}: ${stderr}`);
  return printed;
}

async function checkKeptEverythingShown(compactAfter?: number): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-crash-"));
  try {
    const printed = await runAndKill(dataDir, 500, compactAfter);
    assert.ok(printed.conversationId);

    const store = ConversationStore.open(dataDir);
    const conversation = Conversation.parse(store.get(printed.conversationId));
    assert.equal(conversation.messageCount, 2);
    assert.equal(conversation.messages[0]?.text, "Count for me, please.");
    const answer = conversation.messages[1]!;
    assert.equal(answer.id, printed.messageId);
    assert.equal(answer.status, "interrupted");
    assert.equal(answer.stopReason, "interrupted");
    // Everything shown is there; the writer may have written a little more before it died.
    assert.ok(answer.text.startsWith(printed.text), `stored ${answer.text.length} chars, shown ${printed.text.length}`);
    assert.ok((answer.thinking ?? "").startsWith(printed.thinking));

    // The next change writes the interruption down; a later reader agrees.
    store.appendUserMessage(printed.conversationId, "Go on.");
    store.close();
    const reopened = ConversationStore.open(dataDir);
    const after = reopened.get(printed.conversationId);
    reopened.close();
    assert.equal(after.messages[1]?.status, "interrupted");
    assert.equal(after.messages[1]?.text, answer.text);
    assert.equal(after.messages[2]?.text, "Go on.");
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

test("SIGKILL mid-answer keeps every delta already shown, marked interrupted", () => checkKeptEverythingShown());

test("SIGKILL mid-answer while journals are being compacted keeps every delta shown", () => checkKeptEverythingShown(40));

async function checkBranchKept(compactAfter?: number): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-crash-branch-"));
  try {
    const printed = await runAndKill(dataDir, 300, compactAfter, "branch");
    const store = ConversationStore.open(dataDir);
    const shown = Conversation.parse(store.get(printed.conversationId));
    // The branch being answered is the one shown: the edited question and its partial answer.
    assert.deepEqual(shown.messages.map((m) => m.text.slice(0, 24)), ["Count backwards instead.", printed.text.slice(0, 24)]);
    const [question, answer] = shown.messages as [Conversation["messages"][0], Conversation["messages"][0]];
    assert.equal(answer.id, printed.messageId);
    assert.equal(answer.status, "interrupted");
    assert.ok(answer.text.startsWith(printed.text), "every delta shown is kept");
    assert.deepEqual(question.versions?.index, 2);
    // The first branch is whole: both turns, complete.
    const first = store.selectVersion(printed.conversationId, question.versions!.ids[0]!);
    assert.deepEqual(first.messages.map((m) => m.text), ["Count for me, please.", "First answer.", "And then?", "Second answer."]);
    store.close();
    // The selection and the interruption were written down: a later reader agrees.
    const reopened = ConversationStore.open(dataDir);
    const again = reopened.get(printed.conversationId);
    assert.equal(again.messages.length, 4);
    const back = reopened.selectVersion(printed.conversationId, printed.messageId);
    assert.equal(back.messages[1]?.status, "interrupted");
    reopened.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

test("SIGKILL mid-answer on a branch (an edited question) keeps both branches and every delta shown", () => checkBranchKept());

test("SIGKILL mid-answer on a branch while compacting keeps the tree", () => checkBranchKept(40));
