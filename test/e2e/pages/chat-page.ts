// Page object for the Chat view: the composer, the message log, stop, the collection the chat is
// grounded in, the sources under an answer, and switching the model mid-conversation.
import type { Locator, Page } from "playwright-core";
import type { AppPage } from "./app-page.ts";
import { acceptLicenceIfAsked } from "./licence-dialog.ts";

export class ChatPage {
  readonly page: Page;
  readonly conversation: Locator;
  readonly messages: Locator;
  readonly input: Locator;

  constructor(readonly app: AppPage) {
    this.page = app.page;
    this.conversation = this.page.getByRole("region", { name: "Conversation" });
    this.messages = this.page.getByRole("log", { name: "Messages" });
    this.input = this.conversation.getByRole("textbox", { name: "Message" });
  }

  static async open(app: AppPage): Promise<ChatPage> {
    await app.goTo("Chat");
    return new ChatPage(app);
  }

  /** Types a message and presses Enter. */
  async send(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press("Enter");
  }

  answers(): Locator {
    return this.messages.getByRole("article", { name: "Assistant" });
  }

  /** Waits for the latest answer to finish writing and returns its text. */
  async waitForAnswer(timeout = 60_000): Promise<string> {
    const last = this.answers().last();
    await last.waitFor({ timeout });
    await this.messages.locator('article[aria-label="Assistant"][aria-busy="true"]').waitFor({ state: "detached", timeout });
    return (await last.locator(".markdown, .message-text").first().innerText().catch(() => "")).trim();
  }

  /** Presses Stop; rejects if no answer is being written within `timeout`. */
  async stop(timeout?: number): Promise<void> {
    await this.conversation.getByRole("button", { name: "Stop answer (Esc)" }).click({ timeout });
  }

  /** The answer being written, while it is. */
  streamingAnswer(): Locator {
    return this.messages.locator('article[aria-label="Assistant"][aria-busy="true"]');
  }

  async newChat(): Promise<void> {
    await this.page.getByRole("button", { name: "New chat" }).click();
    await this.conversation.getByRole("heading", { name: "New chat" }).waitFor();
  }

  /** The passages a grounded question gets when no model is loaded: numbered chips with text. */
  passages(): Locator {
    return this.messages.getByRole("list", { name: /^Passages \(\d+\)$/ }).last();
  }

  /** "Answer from": a collection's name, or null for the model only. */
  async groundIn(collection: string | null): Promise<void> {
    // Options' values are the collection names ("" for the model only); their labels add counts.
    await this.conversation.getByLabel("Answer from").selectOption({ value: collection ?? "" });
  }

  /** The "Sources (n)" row under an answer, opened if it starts folded. */
  async openSources(answer: Locator): Promise<Locator> {
    const row = answer.locator("details.sources-row");
    await row.waitFor();
    if (!(await row.evaluate((d) => (d as unknown as { open: boolean }).open))) await row.locator("summary").click();
    return row;
  }

  /** Ctrl+K's switcher: lets a remote model (Settings → Remote models) answer from now on. */
  async chooseRemote(id: string): Promise<void> {
    await this.page.keyboard.press("Control+k");
    const dialog = this.page.getByRole("dialog", { name: "Switch model" });
    await dialog.getByRole("button", { name: new RegExp(`^${id}\\b`) }).click();
    await this.conversation.getByRole("button", { name: `${id} · remote` }).waitFor();
  }

  /** Ctrl+K's switcher: picks another quant (listed under its model) and waits until it is loaded. */
  async switchModel(displayName: string, quant: string): Promise<void> {
    await this.app.modelStatus.click();
    const dialog = this.page.getByRole("dialog", { name: "Switch model" });
    await dialog.getByRole("button", { name: new RegExp(`^${quant}\\b`) }).click();
    await acceptLicenceIfAsked(this.page, displayName);
    await this.app.waitForLoadedModel(quant);
  }
}
