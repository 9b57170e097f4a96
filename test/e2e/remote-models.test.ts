// Settings → Remote models in a real browser against the real engine, with a second Enclave serving
// the tiny test model on loopback as the remote endpoint (standing in for vLLM or llama.cpp's server):
// add one with its key, test the connection, see clear errors for a bad address and a wrong key,
// and remove it. The key reaches the engine's key store, never settings. axe on the section.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { saveScreenshot } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { RemoteModelsPage } from "./pages/remote-models-page.ts";
import { ChatPage } from "./pages/chat-page.ts";
import { API_TOKEN, startTestApiServer, type TestApiServer } from "../helpers/api-server.ts";

const suite = e2eSuite({ registerModels: false });
const { skip } = suite;
let upstream: TestApiServer | undefined;

before(async () => {
  if (!skip) upstream = await startTestApiServer();
});
after(async () => upstream?.close());

test("a remote model is added with its key, tested, refused clearly when wrong, and removed", { skip, timeout: 240_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    const remote = await RemoteModelsPage.open(shell);
    // A fresh install is offline: the section says so, and a test is refused with that reason.
    await remote.section.getByText(/Offline mode is on, so they are not contacted\./).waitFor();
    await remote.add({ name: "team-llm", baseUrl: upstream!.url, model: upstream!.modelId, apiKey: API_TOKEN });
    await remote.item("team-llm").getByText(/key stored/).waitFor();
    const refused = await remote.testConnection("team-llm");
    assert.equal(refused.ok, false);
    assert.match(refused.text, /offline mode is on/);

    await shell.main.getByRole("switch", { name: "Offline mode" }).click();
    await remote.section.getByText(/Offline mode is on/).waitFor({ state: "detached" });
    const connected = await remote.testConnection("team-llm");
    assert.ok(connected.ok, connected.text);
    assert.match(connected.text, new RegExp(`Connected in \\d+ ms; it serves "${upstream!.modelId}"`));
    await assertAccessible(shell.page, "Settings with a remote model");
    await remote.section.scrollIntoViewIfNeeded();
    await saveScreenshot(shell.page, "settings-remote-models", "light", "desktop");

    // Chosen in the switcher, the remote model answers in the chat with no local model loaded.
    const chat = await ChatPage.open(shell);
    await chat.chooseRemote("team-llm");
    await chat.send("Say hello.");
    await chat.waitForAnswer();
    const [summary] = (await suite.app.engine.client.call("conversations.list", {})).conversations;
    const stored = await suite.app.engine.client.call("conversations.get", { id: summary!.id });
    assert.equal(stored.messages.at(-1)!.stats?.modelId, "team-llm", "the answer came from the remote model");
    assert.equal((await suite.app.engine.client.call("inference.status", {})).loaded, null, "no local model was needed");
    await assertAccessible(shell.page, "Chat answered by a remote model");
    await RemoteModelsPage.open(shell);

    // The key went to the engine's key store (a 0600 file for the web host), never into settings.
    const { settings } = await suite.app.engine.client.call("settings.get", {});
    assert.deepEqual(settings.remoteModels, [{ id: "team-llm", baseUrl: upstream!.url, model: upstream!.modelId }]);
    assert.equal(JSON.stringify(settings).includes(API_TOKEN), false);
    assert.deepEqual(await suite.app.engine.client.call("remote.keys", {}), { withKey: ["team-llm"], store: "file" });

    // Bad input is shown under its field and nothing is saved.
    await remote.section.getByRole("button", { name: "Edit team-llm" }).click();
    await remote.fill({ baseUrl: "gpu-server:8000" });
    await remote.form.getByRole("button", { name: "Save changes" }).click();
    await remote.form.getByText(/a full http:\/\/ or https:\/\/ address/).waitFor();
    await assertAccessible(shell.page, "Remote model form with an error");
    await remote.form.getByRole("button", { name: "Cancel" }).click();

    // A wrong key: the endpoint refuses, and the answer says to check the key.
    await remote.edit("team-llm", { apiKey: "sk-wrong-key-00000000000" });
    await remote.form.waitFor({ state: "detached" });
    const wrong = await remote.testConnection("team-llm");
    assert.equal(wrong.ok, false);
    assert.match(wrong.text, /401.*API key/s);

    await remote.remove("team-llm");
    assert.deepEqual((await suite.app.engine.client.call("settings.get", {})).settings.remoteModels, []);
    assert.deepEqual((await suite.app.engine.client.call("remote.keys", {})).withKey, []);
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});
