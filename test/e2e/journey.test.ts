// The whole first-day journey in one browser, against the real web host, engine and generated
// models: first launch → add the models' folder by path → the library lists them → licence → load
// Q8_0 → an answer streams → stop (the partial answer stays, marked) → switch to Q4_0
// mid-conversation → a collection with a multi-page PDF (per-file progress, Ready) → a grounded
// question → source chips → the chip for page 3 opens the PDF at page 3 with the passage
// highlighted → Esc → regenerate (grounded again, in place) → unloaded, the same kind of question
// gets the passages as numbered chips with their text. Every screen is checked by axe and
// photographed in light and dark at 1280×800 and 1920×1080 for people to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { applyView, saveScreenshot, THEMES, type SizeName } from "./harness/screenshots.ts";
import { AppPage } from "./pages/app-page.ts";
import { ChatPage } from "./pages/chat-page.ts";
import { DocumentsPage } from "./pages/documents-page.ts";
import { ModelsPage } from "./pages/models-page.ts";
import { OnboardingPage } from "./pages/onboarding-page.ts";
import { ViewerPage } from "./pages/viewer-page.ts";
import { buildPdf, type PdfPageSpec } from "../fixtures/documents/pdf-writer.ts";

// The models are added from the first-run screen, as a new user would.
const suite = e2eSuite({ registerModels: false });
const { skip } = suite;

const PHRASE = "heron ledger quartz";
const SIZES: SizeName[] = ["desktop", "wide"];

/** A four-page report; only page 3 holds the phrase. Each page opens with a heading, so each is
 *  its own passage in the index. */
function reportPdf(): Buffer {
  const page = (n: number, topic: string, extra: string): PdfPageSpec => ({
    texts: [
      { x: 72, y: 720, size: 20, text: `Section ${n}: ${topic}`, bold: true },
      ...[
        `This page of the annual report covers ${topic.toLowerCase()}.`,
        extra,
        "Figures are rounded to the nearest thousand and audited once a year.",
        "Questions about this section go to the finance office.",
      ].map((text, i) => ({ x: 72, y: 690 - i * 16, size: 11, text })),
    ],
  });
  return buildPdf(
    [
      page(1, "Revenue", "Revenue grew in every region except the north."),
      page(2, "Staffing", "Hiring slowed in the second half of the year."),
      page(3, "Reserves", `The ${PHRASE} records the reserve fund of 4.2 million.`),
      page(4, "Outlook", "The board expects modest growth next year."),
    ],
    { title: "Annual report" },
  );
}

/** Checks the screen with axe and photographs it in both themes at both sizes, then puts the
 *  view back to light 1280×800. */
async function capture(page: Page, step: string): Promise<void> {
  for (const theme of THEMES) {
    for (const size of SIZES) {
      await applyView(page, theme, size);
      if (size === "desktop") await assertAccessible(page, `journey: ${step}, ${theme}`);
      // The app is one window: its panes scroll, never the page (a page that scrolls moves the
      // navigation and the composer away).
      const { scroll, height } = await page.evaluate<{ scroll: number; height: number }>("({ scroll: document.documentElement.scrollHeight, height: innerHeight })");
      assert.ok(scroll <= height, `journey: ${step}, ${theme}, ${size}: the page itself scrolls (${scroll} > ${height} px)`);
      await saveScreenshot(page, `journey-${step}`, theme, size);
    }
  }
  await applyView(page, "light", "desktop");
}

/** Lengths of a streaming answer's text, sampled until it stops growing or `count` are taken. */
async function sampleGrowth(answer: Locator, count: number): Promise<number[]> {
  const lengths: number[] = [];
  for (let i = 0; i < count; i++) {
    lengths.push((await answer.innerText({ timeout: 500 }).catch(() => "")).length);
    await new Promise((r) => setTimeout(r, 60));
  }
  return lengths;
}

test("first launch to a cited page of a PDF, in one browser", { skip, timeout: 240_000 }, async () => {
  const { engine, models } = suite.app;
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    // First launch: the welcome screen, nothing found yet.
    const onboarding = new OnboardingPage(shell);
    await onboarding.heading.waitFor();
    await capture(shell.page, "onboarding");

    // Import by path: the folder of generated models.
    await onboarding.addByPath(models.dir);
    await onboarding.waitForFound("tiny-q8_0.gguf");
    await capture(shell.page, "models-added");

    // The welcome screen stands in for the chat only: the library lists the models, each loadable.
    const library = await ModelsPage.open(shell);
    for (const name of ["tiny-f16.gguf", "tiny-q8_0.gguf", "tiny-q4_0.gguf"]) await library.loadButton(name).waitFor();
    await capture(shell.page, "models-page");
    await shell.goTo("Chat");

    // Load Q8_0: its licence is shown first and must be acknowledged.
    await onboarding.requestLoad("tiny-q8_0.gguf");
    const licence = shell.page.getByRole("dialog", { name: "Licence of tiny-q8_0.gguf" });
    await licence.waitFor();
    await capture(shell.page, "licence");
    await licence.getByRole("checkbox").check();
    await licence.getByRole("button", { name: "Load model" }).click();
    await shell.waitForLoadedModel("Q8_0");
    assert.ok((await engine.client.call("inference.status", {})).loaded?.model.path.endsWith("tiny-q8_0.gguf"));

    // An answer streams: its text grows while it is being written. Stop: the partial answer stays,
    // marked as stopped. The random-weight model may end an answer within a second (its end token
    // is as likely as any other), so a question is asked again until an answer is still being
    // written when Stop is pressed. No screenshots while it streams: they take longer than that.
    const chat = await ChatPage.open(shell);
    await capture(shell.page, "chat-empty");
    let lengths: number[] = [];
    for (let attempt = 1; ; attempt++) {
      await chat.send("Write a long story about the sea.");
      const writing = chat.streamingAnswer();
      const writes = await writing.locator(".markdown").waitFor({ timeout: 15_000 }).then(() => true, () => false);
      if (writes) {
        lengths = await sampleGrowth(writing, 4);
        if (await chat.stop(2000).then(() => true, () => false)) {
          await writing.waitFor({ state: "detached" });
          break;
        }
      }
      assert.ok(attempt < 5, "five answers in a row ended before Stop could be pressed");
      await chat.waitForAnswer();
    }
    const rises = lengths.filter((n, i) => i > 0 && n > lengths[i - 1]!).length;
    assert.ok(rises >= 2, `the answer grows while it streams: ${lengths.join(" → ")}`);
    const stopped = chat.answers().last();
    await stopped.filter({ hasText: /Stopped before the end|stopped by you/ }).waitFor();
    assert.ok((await stopped.locator(".markdown").innerText()).trim().length > 0, "the partial answer is kept");
    const [summary, ...others] = (await engine.client.call("conversations.list", {})).conversations;
    assert.equal(others.length, 0, "every attempt went into the one conversation");
    const stored = await engine.client.call("conversations.get", { id: summary!.id });
    assert.equal(stored.messages.at(-1)!.stopReason, "aborted");
    await capture(shell.page, "stopped");

    // Switch to Q4_0 mid-conversation: the status bar says so, the conversation stays.
    const shownBefore = await chat.messages.getByRole("article").count();
    await chat.switchModel("tiny-q4_0.gguf", "Q4_0");
    assert.match(await shell.modelStatus.innerText(), /Q4_0/);
    assert.equal(await chat.messages.getByRole("article").count(), shownBefore, "the messages stay on screen");
    assert.equal((await engine.client.call("conversations.list", {})).conversations.length, 1, "still one conversation");
    assert.equal((await engine.client.call("inference.status", {})).loaded?.model.quant, "Q4_0");
    await capture(shell.page, "switched");

    // Documents: a collection, a PDF uploaded through the file input, its own progress, Ready.
    const docs = await DocumentsPage.open(shell);
    await docs.createCollection("Reports");
    const progressSeen = await docs.watchFileProgress("annual-report.pdf");
    await docs.addFiles([{ name: "annual-report.pdf", mimeType: "application/pdf", buffer: reportPdf() }]);
    await docs.waitForStatus("annual-report.pdf", "Ready");
    assert.ok(await progressSeen(), "the file's own progress bar was shown while it was added");
    const [doc] = (await engine.client.call("rag.documents", { collection: "Reports" })).documents;
    assert.equal(doc?.pages, 4);
    await capture(shell.page, "documents-ready");

    // Chat grounded in the collection: the answer comes with numbered sources.
    await ChatPage.open(shell);
    await chat.groundIn("Reports");
    await chat.send(`What does the ${PHRASE} record?`);
    await chat.waitForAnswer();
    const answer = chat.answers().last();
    const sources = await chat.openSources(answer);
    const page3 = sources.getByRole("button", { name: /annual-report\.pdf · p\. 3 / });
    await page3.waitFor();
    await capture(shell.page, "sources");

    // The chip for page 3 opens the PDF there, the passage with the phrase highlighted.
    await page3.click();
    const viewer = new ViewerPage(shell.page);
    await viewer.waitForPdfPage(3);
    assert.equal(await viewer.pageNumber.inputValue(), "3");
    assert.match(await viewer.dialog.innerText(), /of 4/);
    assert.match((await viewer.highlight.allInnerTexts()).join(" ").replace(/\s+/g, " "), new RegExp(PHRASE));
    assert.ok(await viewer.canvasHasInk(), "pdf.js drew the page on the canvas");
    await capture(shell.page, "viewer");
    await viewer.closeWithEscape();

    // Regenerate a grounded answer: asked again of the same collection, in place of the old answer.
    const shown = await chat.messages.getByRole("article").count();
    await answer.hover();
    await answer.getByRole("button", { name: "Regenerate answer" }).click();
    await chat.waitForAnswer();
    assert.equal(await chat.messages.getByRole("article").count(), shown, "the new answer replaced the old one");
    await chat.openSources(chat.answers().last());

    // Without a model a grounded question still gets the passages: numbered chips with their text.
    await (await ModelsPage.open(shell)).unload();
    await ChatPage.open(shell);
    await chat.newChat();
    await chat.groundIn("Reports");
    await chat.send(`Where is the ${PHRASE}?`);
    const passage = chat.passages().getByRole("listitem").filter({ hasText: PHRASE });
    await passage.getByRole("button", { name: /annual-report\.pdf · p\. 3 / }).waitFor();
    assert.equal((await engine.client.call("conversations.list", {})).conversations.length, 1, "nothing was recorded without a model");
    await capture(shell.page, "passages");

    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});
