// The two-click quant switch in a real browser against the real engine: after the licence of the
// Q8_0 file is accepted on first run, the status bar's model chip (click 1) opens the switcher, which
// lists the model once with its quants, and Q4_0 (click 2) loads without asking for the licence again
// (same model, same licence). The conversation carries on, and a divider marks where the quant
// changed. Screenshots: model-switcher-light-desktop.png, model-divider-light-desktop.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { applyView, saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { ChatPage } from "./pages/chat-page.ts";
import { OnboardingPage } from "./pages/onboarding-page.ts";

const suite = e2eSuite();
const { skip } = suite;

test("switching quant takes two clicks, asks no licence again, and the chat shows where it changed", { skip, timeout: 240_000 }, async () => {
  const { models } = suite.app;
  const app = await AppPage.open(suite.browser, suite.app.url);
  try {
    await applyView(app.page, "light", "desktop");
    await new OnboardingPage(app).loadFound("tiny-q8_0.gguf");
    const chat = await ChatPage.open(app);
    await chat.send("Tell me about the sea.");
    await chat.waitForAnswer();

    await app.modelStatus.click(); // click 1
    const dialog = app.page.getByRole("dialog", { name: "Switch model" });
    const group = dialog.getByRole("list", { name: new RegExp(`^${models.name}`) });
    const quants = await group.getByRole("button").allTextContents();
    assert.equal(quants.length, 3, `the model's three quants under one heading: ${quants.join(" | ")}`);
    assert.deepEqual(quants.map((q) => q.split(/\s/)[0]), ["F16", "Q8_0", "Q4_0"]);
    assert.equal(await group.getByRole("button", { name: /^Q8_0/ }).getAttribute("aria-current"), "true", "the loaded quant is marked");
    assert.match((await dialog.getByRole("heading", { name: new RegExp(`^${models.name}`) }).textContent()) ?? "", new RegExp(models.license));
    await saveScreenshot(app.page, "model-switcher", "light", "desktop");
    await assertAccessible(app.page, "model switcher");
    await group.getByRole("button", { name: /^Q4_0/ }).click(); // click 2

    await app.waitForLoadedModel("Q4_0");
    assert.equal(await app.page.getByRole("dialog", { name: /^Licence of/ }).count(), 0, "the licence accepted for Q8_0 covers Q4_0");
    const status = await suite.app.engine.client.call("inference.status", {});
    assert.equal(status.loaded?.model.path, models.q4_0);

    await chat.send("And the shore?");
    await chat.waitForAnswer();
    const divider = chat.messages.getByRole("separator");
    assert.equal(await divider.count(), 1);
    assert.equal(await divider.getAttribute("aria-label"), "Switched to tiny-q4_0.gguf Q4_0", "the answer's model (its stats name the file) and quant");
    assert.equal(await chat.answers().count(), 2, "the conversation carried on");
    await divider.scrollIntoViewIfNeeded();
    await saveScreenshot(app.page, "model-divider", "light", "desktop");
    await assertAccessible(app.page, "chat with a model divider");
    assert.deepEqual(app.console.problems, []);
  } finally {
    await app.close();
    await suite.app.engine.client.call("inference.unload", {});
  }
});
