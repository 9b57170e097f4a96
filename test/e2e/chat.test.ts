// First run to a streamed answer in the browser: the test models are found, one is loaded from the
// first-run screen (licence accepted), a message is sent and the answer shown is the one the engine
// stored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { ChatPage } from "./pages/chat-page.ts";
import { OnboardingPage } from "./pages/onboarding-page.ts";

const suite = e2eSuite();
const { skip } = suite;

test("load a found model on first run, send a message, see the stored answer", { skip, timeout: 180_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    await new OnboardingPage(shell).loadFound("tiny-q8_0.gguf");
    const status = await suite.app.engine.client.call("inference.status", {});
    assert.ok(status.loaded?.model.path.endsWith("tiny-q8_0.gguf"), JSON.stringify(status.loaded?.model.path));

    const chat = await ChatPage.open(shell);
    await chat.send("Tell me about the sea.");
    await chat.messages.getByRole("article", { name: "You" }).filter({ hasText: "Tell me about the sea." }).waitFor();
    const shown = await chat.waitForAnswer();

    const { conversations } = await suite.app.engine.client.call("conversations.list", {});
    assert.equal(conversations.length, 1);
    const stored = await suite.app.engine.client.call("conversations.get", { id: conversations[0]!.id });
    const answer = stored.messages.at(-1)!;
    assert.equal(answer.role, "assistant");
    assert.equal(answer.status, "complete");
    // The answer is rendered as Markdown (the random-weight model writes stray `*`, `_`, `\`…), so
    // compare letters and digits only, from the start.
    const words = (t: string) => t.replace(/[^\p{L}\p{N}]/gu, "").slice(0, 60);
    assert.ok(words(answer.text).length > 0, "the model wrote something");
    assert.equal(words(shown), words(answer.text));

    await assertAccessible(shell.page, "chat with an answer");
    await saveScreenshot(shell.page, "chat-answered", "light", "desktop");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
    await suite.app.engine.client.call("inference.unload", {});
  }
});
