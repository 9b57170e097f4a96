// Narrow windows, in Chromium against the real web host and engine: at 900×700 the conversation
// list folds behind a "Conversations" toggle (it opens over the chat and folds again once a chat
// is picked), the chat title, model chip and the documents table's actions stay whole and on
// screen; at 1280×800 and 1920×1080 the list is simply there; below 800px the navigation is icons
// that keep their names. Each screen in light and dark is checked by axe (at 900×700, where it is
// new), never scrolls the window, and is saved under test-results/screenshots for people to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { applyView, saveScreenshot, THEMES, type SizeName, type Theme } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { DocumentsPage } from "./pages/documents-page.ts";

const suite = e2eSuite();
const { skip } = suite;
const SIZES: SizeName[] = ["compact", "desktop", "wide"];
const LONG_NAME = "three-year-infrastructure-maintenance-plan.md";

const at = "2026-12-01T10:00:00.000Z";
const chatExport = {
  format: "enclave.conversations",
  version: 1,
  exportedAt: at,
  conversations: [
    {
      id: "x",
      title: "Quarterly maintenance budget review",
      createdAt: at,
      updatedAt: at,
      messageCount: 2,
      systemPrompt: "",
      sampling: {},
      messages: [
        { id: "u", role: "user", text: "Which repairs come first?", createdAt: at },
        { id: "a", role: "assistant", text: "The pumping station, then the north bridge.", createdAt: at, status: "complete" },
      ],
    },
  ],
};

/** Visible controls and headings of the main area that stick out of the window, or whose text is cut. */
async function cutOff(page: Page): Promise<string[]> {
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  return page.evaluate<string[]>(`(() => {
    const out = [];
    for (const el of document.querySelectorAll("main button, main h1, main h2, main select, main th, .sidebar button")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      if (el.closest(".conversations-slot") && !document.querySelector(".conversations-open")) continue;
      const name = (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40);
      if (r.right > innerWidth + 1 || r.left < -1) out.push("off-screen: " + name);
    }
    for (const el of document.querySelectorAll(".chat-title, .doc-name-text, .model-chip")) {
      if (el.getBoundingClientRect().width > 0 && el.scrollWidth > el.clientWidth + 1) out.push("cut: " + el.textContent);
    }
    return out;
  })()`);
}

async function check(page: Page, step: string, theme: Theme, size: SizeName): Promise<void> {
  const { scroll, height } = await page.evaluate<{ scroll: number; height: number }>("({ scroll: document.documentElement.scrollHeight, height: innerHeight })");
  await saveScreenshot(page, `responsive-${step}`, theme, size); // first, so a failure can be looked at
  assert.ok(scroll <= height, `${step}, ${theme}, ${size}: the page itself scrolls (${scroll} > ${height} px)`);
  assert.deepEqual(await cutOff(page), [], `${step}, ${theme}, ${size}`);
}

test("narrow windows fold the conversation list and keep everything whole; very narrow ones show nav icons", { skip, timeout: 300_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  const { page } = shell;
  try {
    await shell.main.getByRole("button", { name: "Continue without a model" }).click();
    await suite.app.engine.client.call("conversations.import", { json: JSON.stringify(chatExport) });
    const docs = await DocumentsPage.open(shell);
    await docs.createCollection("Infrastructure");
    await docs.addFiles([{ name: LONG_NAME, mimeType: "text/markdown", buffer: Buffer.from("# Plan\n\nThe pumping station is repaired first, then the north bridge.\n") }]);
    await docs.waitForStatus(LONG_NAME, "Ready");

    const conversation = page.getByRole("region", { name: "Conversation" });
    const list = page.getByRole("navigation", { name: "Conversations" });
    const toggle = conversation.getByRole("button", { name: "Conversations" });
    for (const theme of THEMES) {
      for (const size of SIZES) {
        await applyView(page, theme, size);
        await shell.goTo("Documents");
        await docs.row(LONG_NAME).getByRole("button", { name: `Remove ${LONG_NAME} from the index` }).waitFor();
        await check(page, "documents", theme, size);

        await shell.goTo("Chat");
        if (size === "compact") {
          assert.equal(await list.isVisible(), false, "folded below 1100px");
          await toggle.click();
          await list.waitFor();
          assert.equal(await toggle.getAttribute("aria-expanded"), "true");
          if (theme === "light") await assertAccessible(page, "Chat at 900×700 with the conversation list open");
          await check(page, "chat-list-open", theme, size);
          await list.getByRole("button", { name: /^Quarterly maintenance budget review/ }).click();
          await list.waitFor({ state: "hidden" });
          assert.equal(await toggle.getAttribute("aria-expanded"), "false");
          if (theme === "light") await assertAccessible(page, "Chat at 900×700");
        } else {
          await list.waitFor();
          assert.equal(await toggle.isVisible(), false, "no toggle where the list fits");
          await list.getByRole("button", { name: /^Quarterly maintenance budget review/ }).click();
        }
        await conversation.getByRole("heading", { name: "Quarterly maintenance budget review" }).waitFor();
        await check(page, "chat", theme, size);

        await shell.goTo("Models");
        await check(page, "models", theme, size);
      }
    }

    // Below 800px: icons only, still named for screen readers and with a tooltip.
    await applyView(page, "light", "icons");
    const nav = shell.navigation;
    const box = await nav.boundingBox();
    assert.ok(box && box.width < 80, `the navigation is narrow (${box?.width} px)`);
    const label = await nav.getByText("Documents").boundingBox();
    assert.ok(label === null || label.width <= 1, `labels are not drawn (${label?.width} px wide)`);
    await nav.getByRole("button", { name: "Documents" }).click();
    await docs.row(LONG_NAME).waitFor();
    assert.equal(await nav.getByRole("button", { name: "Documents" }).getAttribute("title"), "Documents");
    await assertAccessible(page, "Documents below 800px");
    await check(page, "documents", "light", "icons");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});
