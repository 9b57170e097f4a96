// Page object for the Chat view: the composer, the message log, stop.
import type { Locator, Page } from "playwright-core";
import type { AppPage } from "./app-page.ts";

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

  async stop(): Promise<void> {
    await this.conversation.getByRole("button", { name: "Stop answer (Esc)" }).click();
  }
}
