// Accessibility check with axe-core inside the page. axe's source is evaluated through the DevTools
// protocol rather than added as a <script> tag: the app's CSP (script-src 'self') rightly blocks
// inline scripts, and loosening it for the test (bypassCSP) would hide real CSP violations.
import assert from "node:assert/strict";
import axe from "axe-core";
import type { Page } from "playwright-core";

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Every violation axe finds on the page as it is now (WCAG 2.1 A/AA rules and best practices). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe === "object");
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    // Runs in the page (the root tsconfig has no DOM types, hence globalThis); the whole document.
    const api = (globalThis as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await api.run({ resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
}

/** Fails on serious or critical violations, listing each with the elements it was found on. */
export async function assertAccessible(page: Page, context: string): Promise<AxeViolation[]> {
  const violations = await runAxe(page);
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    blocking.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(", ")}`),
    [],
    `axe found serious/critical accessibility violations (${context})`,
  );
  return violations;
}
