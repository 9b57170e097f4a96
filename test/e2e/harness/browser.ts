// The browser every e2e test drives: Debian's Chromium through playwright-core (no bundled browser
// is downloaded). Without it the e2e tests skip with the command that installs it; on CI (CI set)
// a missing browser is a failure, so the suite cannot go green by skipping.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.ENCLAVE_CHROMIUM ?? "/usr/bin/chromium";
export const INSTALL_HINT = "install Debian's chromium: apt-get install chromium";

/** The reason to skip the e2e tests here, or false to run them. Throws on CI when Chromium is missing. */
export function e2eSkipReason(): string | false {
  if (existsSync(CHROMIUM_PATH)) return false;
  const message = `no Chromium at ${CHROMIUM_PATH}: ${INSTALL_HINT}`;
  if (process.env.CI) throw new Error(`e2e tests cannot run on CI: ${message}`);
  return message;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
