// Versions and branches in the browser: regenerate keeps the earlier answer (‹ 1/2 › steps back to
// it), editing a question forks a branch and the earlier branch stays one click away. What the
// browser shows is checked against what the engine stored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { ChatPage } from "./pages/chat-page.ts";
import { ModelsPage } from "./pages/models-page.ts";

const suite = e2eSuite();
const { skip } = suite;

/** The tiny model loaded with short answers (the random-weight model would otherwise write up to
 *  the default limit), and a fresh page on the chat. */
async function chatWithModel(): Promise<{ shell: AppPage; chat: ChatPage }> {
  const { engine, models } = suite.app;
  const { settings } = await engine.client.call("settings.get", {});
  await engine.client.call("settings.update", { sampling: { ...settings.sampling, maxTokens: 6 } });
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
  const shell = await AppPage.open(suite.browser, suite.app.url);
  return { shell, chat: await ChatPage.open(shell) };
}

test("regenerate keeps versions (‹ 2/2 ›), edit forks a branch, the old branch comes back", { skip, timeout: 240_000 }, async () => {
  const { engine } = suite.app;
  const { shell, chat } = await chatWithModel();
  try {
    await chat.send("Name a colour.");
    await chat.waitForAnswer();

    // Regenerate: a second version of the answer; the first is one click back.
    const answer = chat.answers().last();
    await answer.hover();
    await answer.getByRole("button", { name: "Regenerate answer" }).click();
    await chat.waitForAnswer();
    const versions = chat.answers().last().getByRole("group", { name: "Version 2 of 2 of this answer" });
    await versions.waitFor();
    const { conversations } = await engine.client.call("conversations.list", {});
    const id = conversations[0]!.id;
    let stored = await engine.client.call("conversations.get", { id });
    const [first, second] = stored.messages[1]!.versions!.ids;
    assert.equal(stored.messages[1]!.id, second);
    await versions.getByRole("button", { name: "Previous version of this answer" }).click();
    await chat.answers().last().getByRole("group", { name: "Version 1 of 2 of this answer" }).waitFor();
    stored = await engine.client.call("conversations.get", { id });
    assert.equal(stored.messages[1]!.id, first, "the engine shows the version chosen");
    await assertAccessible(shell.page, "an answer with versions");

    // A follow-up, then edit the first question: a new branch with its own answer.
    await chat.send("Another one.");
    await chat.waitForAnswer();
    const question = chat.messages.getByRole("article", { name: "You" }).first();
    await question.hover();
    await question.getByRole("button", { name: "Edit message" }).click();
    await question.getByRole("textbox", { name: "Edit message" }).fill("Name a fruit.");
    await question.getByRole("button", { name: "Send edit" }).click();
    await chat.waitForAnswer();
    await chat.messages.getByRole("group", { name: "Version 2 of 2 of this message" }).waitFor();
    assert.equal(await chat.messages.getByRole("article").count(), 2, "the new branch: the edited question and its answer");
    await saveScreenshot(shell.page, "chat-versions", "light", "desktop");

    // The earlier branch, with its follow-up, is all there.
    await chat.messages.getByRole("button", { name: "Previous version of this message" }).click();
    await chat.messages.getByRole("article", { name: "You" }).filter({ hasText: "Another one." }).waitFor();
    assert.equal(await chat.messages.getByRole("article").count(), 4);
    stored = await engine.client.call("conversations.get", { id });
    assert.deepEqual(stored.messages.map((m) => m.role), ["user", "assistant", "user", "assistant"]);
    assert.equal(stored.messages[0]!.text, "Name a colour.");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
    await engine.client.call("inference.unload", {});
  }
});

test("per-chat settings panel: system prompt and sampling saved to the engine, a too-big number clamped with a note, the context meter", { skip, timeout: 180_000 }, async () => {
  const { engine } = suite.app;
  const { shell, chat } = await chatWithModel();
  try {
    await chat.newChat();
    await chat.send("Hello there.");
    await chat.waitForAnswer();
    await shell.page.getByRole("button", { name: "Chat settings" }).click();
    const panel = shell.page.getByRole("complementary", { name: "Conversation settings" });
    await panel.waitFor();
    await panel.getByText(/^Context used: \d[\d,]* of 512 tokens$/).waitFor();
    await panel.getByText(/earliest turns are left out/).waitFor();
    await panel.getByText("Allowed: 0–5. Empty: the global setting.").waitFor();

    await panel.getByLabel("System prompt").fill("Answer like a pirate.");
    await panel.getByLabel("Temperature").fill("999999");
    await panel.getByRole("button", { name: "Save" }).click();
    await panel.getByRole("status").filter({ hasText: "Set to 5, the largest allowed (you typed 999,999)." }).waitFor();
    const { conversations } = await engine.client.call("conversations.list", {});
    const stored = await engine.client.call("conversations.get", { id: conversations[0]!.id });
    assert.equal(stored.systemPrompt, "Answer like a pirate.");
    assert.equal(stored.sampling.temperature, 5);
    assert.equal(await panel.getByLabel("Temperature").inputValue(), "5");

    await assertAccessible(shell.page, "chat settings panel");
    await saveScreenshot(shell.page, "chat-settings", "light", "desktop");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
    await engine.client.call("inference.unload", {});
  }
});

test("no model loaded: Send is off with the reason, and 'Load <last model>' brings it back in one click", { skip, timeout: 180_000 }, async () => {
  const { engine } = suite.app;
  const { shell, chat } = await chatWithModel();
  try {
    // A returning user (first run done), not the first-run screen that a window with no model shows.
    await shell.page.evaluate('localStorage.setItem("enclave.onboarded", "1")');
    await shell.page.reload();
    await (await ModelsPage.open(shell)).unload();
    await ChatPage.open(shell);
    await chat.newChat();
    await chat.input.fill("Hello?");
    const sendButton = chat.conversation.getByRole("button", { name: "Send message (Enter)" });
    assert.equal(await sendButton.isDisabled(), true, "Send is off with no model");
    await chat.conversation.getByText("No model is loaded, so Send is off.").waitFor();
    await assertAccessible(shell.page, "chat with no model");
    await saveScreenshot(shell.page, "chat-no-model", "light", "desktop");

    await chat.conversation.getByRole("button", { name: "Load tiny-q8_0.gguf" }).click();
    await sendButton.and(shell.page.locator(":enabled")).waitFor({ timeout: 60_000 });
    const status = await engine.client.call("inference.status", {});
    assert.ok(status.loaded?.model.path.endsWith("tiny-q8_0.gguf"));
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
    await engine.client.call("inference.unload", {});
  }
});
