// A conversation's own context size and LoRA adapters in a real browser against the real engine:
// a context size typed in the settings panel changes the meter's total (and a cap above the loaded
// context is clamped with a note and a one-click reload at that size); an adapter added to the
// conversation is applied to its next answer, whose stats line names it with its scale.
// Screenshot: conversation-settings-light-desktop.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { basename } from "node:path";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { applyView, saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { ChatPage } from "./pages/chat-page.ts";

const suite = e2eSuite();
const { skip } = suite;

test("per-conversation context size and LoRA adapters: the meter follows the cap, the answer names its adapter", { skip, timeout: 300_000 }, async () => {
  const { engine, models } = suite.app;
  const { settings } = await engine.client.call("settings.get", {});
  await engine.client.call("settings.update", { sampling: { ...settings.sampling, maxTokens: 6 } });
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 1024, threads: 1 });
  const shell = await AppPage.open(suite.browser, suite.app.url);
  const lora = basename(models.lora);
  try {
    await applyView(shell.page, "light", "desktop");
    const chat = await ChatPage.open(shell);
    await chat.newChat();
    await chat.send("Hello there.");
    await chat.waitForAnswer();
    const { conversations } = await engine.client.call("conversations.list", {});
    const id = conversations[0]!.id;

    await shell.page.getByRole("button", { name: "Chat settings" }).click();
    const panel = shell.page.getByRole("complementary", { name: "Conversation settings" });
    await panel.getByText(/^Context used: \d[\d,]* of 1,024 tokens$/).waitFor();

    // A cap below the loaded context: the meter's total is the cap, and the engine has it.
    await panel.getByLabel("Context size (tokens)").fill("512");
    await panel.getByRole("button", { name: "Save" }).click();
    await panel.getByText(/^Context used: \d[\d,]* of 512 tokens \(this conversation's cap\)$/).waitFor();
    await panel.getByText(/This conversation's cap applies/).waitFor();
    assert.equal((await engine.client.call("conversations.get", { id })).contextSize, 512);

    // Too small: clamped with a note, never a schema message.
    await panel.getByLabel("Context size (tokens)").fill("100");
    await panel.getByRole("button", { name: "Save" }).click();
    await panel.getByRole("status").filter({ hasText: "Set to 256, the smallest allowed (you typed 100)." }).waitFor();
    await panel.getByText(/^Context used: \d[\d,]* of 256 tokens \(this conversation's cap\)$/).waitFor();

    // Above the loaded context: the loaded size applies, said so, with a reload at the cap.
    await panel.getByLabel("Context size (tokens)").fill("2048");
    await panel.getByRole("button", { name: "Save" }).click();
    await panel.getByText(/^Context used: \d[\d,]* of 1,024 tokens$/).waitFor();
    await panel.getByText(/cap of 2,048 tokens is above the loaded model's context \(1,024\), so 1,024 applies/).waitFor();
    await panel.getByRole("button", { name: /^Reload .+ with 2,048 tokens$/ }).click();
    await panel.getByText(/^Context used: \d[\d,]* of 2,048 tokens \(this conversation's cap\)$/).waitFor({ timeout: 60_000 });
    assert.equal((await engine.client.call("inference.status", {})).loaded?.contextSize, 2048);

    // An adapter of the conversation's own, at scale 2, named in the next answer's stats.
    const adapters = panel.getByRole("region", { name: "LoRA adapters" });
    await adapters.getByText(/^Follows the loaded model's adapters \(Models page\): none\./).waitFor();
    await adapters.getByRole("button", { name: "Add adapter" }).click();
    const list = adapters.getByRole("list", { name: "This conversation's adapters" });
    await list.getByText(lora).waitFor();
    await list.getByLabel(`Scale of ${lora}`).fill("2");
    await list.getByLabel(`Scale of ${lora}`).press("Enter");
    await list.getByLabel(`Scale of ${lora}`).and(shell.page.locator('[value="2"]')).waitFor();
    assert.deepEqual((await engine.client.call("conversations.get", { id })).lora, [{ path: models.lora, scale: 2 }]);
    await assertAccessible(shell.page, "conversation settings with a context cap and an adapter");
    await saveScreenshot(shell.page, "conversation-settings", "light", "desktop");

    await chat.send("And the sea?");
    await chat.waitForAnswer();
    await chat.answers().last().locator(".stats").filter({ hasText: `LoRA ${lora} ×2` }).waitFor();
    assert.deepEqual((await engine.client.call("inference.status", {})).loaded?.lora, [{ path: models.lora, scale: 2 }], "the engine applied the conversation's adapter");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
    await engine.client.call("inference.unload", {});
    await engine.client.call("settings.update", { sampling: settings.sampling });
  }
});
