// Screenshots of each view per theme and window size, for a person to look through; saved under
// test-results/screenshots/<name>-<theme>-<size>.png (gitignored), never compared pixel by pixel.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "test-results", "screenshots");

export type Theme = "light" | "dark";
export const THEMES: readonly Theme[] = ["light", "dark"];

export const SIZES = {
  desktop: { width: 1280, height: 800 },
  narrow: { width: 820, height: 700 },
  /** Below 1100px: the conversation list folds behind a toggle. */
  compact: { width: 900, height: 700 },
  /** Below 800px: the navigation shows icons only. */
  icons: { width: 760, height: 700 },
  wide: { width: 1920, height: 1080 },
} as const;
export type SizeName = keyof typeof SIZES;

/** Sets the system colour scheme the app follows and the window size. */
export async function applyView(page: Page, theme: Theme, size: SizeName): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.setViewportSize(SIZES[size]);
}

export async function saveScreenshot(page: Page, name: string, theme: Theme, size: SizeName): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`screenshot name "${name}": use lower-case letters, digits and dashes`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}-${theme}-${size}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
