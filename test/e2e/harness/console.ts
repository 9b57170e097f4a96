// Collects what a page reports as broken: console errors (CSP violations, failed loads, React
// errors) and uncaught exceptions. A test asserts the list is empty at the points it cares about.
import type { Page } from "playwright-core";

export interface ConsoleProblems {
  readonly problems: string[];
  /** Forgets what was collected so far (after a step that is expected to log an error). */
  clear(): void;
}

export function watchConsole(page: Page): ConsoleProblems {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location().url;
    problems.push(`console.error: ${message.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  return {
    problems,
    clear: () => void problems.splice(0),
  };
}
