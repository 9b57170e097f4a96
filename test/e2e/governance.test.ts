// Governance in a real browser against an engine under a managed policy: settings the policy fixes
// are shown locked ("Set by your organisation"), a value above its bound is refused under the field,
// the status bar says the organisation keeps the app offline, and the Activity view lists the audit
// log and verifies it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { e2eSuite } from "./harness/suite.ts";
import { assertAccessible } from "./harness/axe.ts";
import { AppPage } from "./pages/app-page.ts";

// The policy must exist before the suite's hook starts the engine.
const policyPath = join(mkdtempSync(join(tmpdir(), "enclave-e2e-policy-")), "policy.json");
writeFileSync(policyPath, JSON.stringify({ forceOffline: true, maxContext: 1024 }));
const suite = e2eSuite({ registerModels: false, env: { ENCLAVE_POLICY: policyPath } });
const { skip } = suite;

test("settings fixed by the policy are locked and say so; a value above its bound is refused in place", { skip, timeout: 120_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    await shell.page.locator(".statusbar").getByText("Offline (set by your organisation)").waitFor();
    await shell.goTo("Settings");
    const offline = shell.main.getByRole("switch", { name: "Offline mode" });
    assert.equal(await offline.isDisabled(), true);
    assert.equal(await offline.isChecked(), true);
    assert.ok(await shell.main.getByText("Set by your organisation's policy.").isVisible());
    const context = shell.main.getByRole("textbox", { name: "Context size" });
    await context.fill("4096");
    await context.blur();
    await shell.main.getByText(/above the 1024 your organisation's policy allows/).waitFor();
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});

test("the Activity view lists the audit log and verifies its chain", { skip, timeout: 120_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    await shell.goTo("Activity");
    await shell.main.getByRole("cell", { name: "Engine started" }).first().waitFor();
    await shell.main.getByRole("button", { name: "Verify log" }).click();
    await shell.main.getByText(/^Intact: \d+ records, chain unbroken\.$/).waitFor();
    await assertAccessible(shell.page, "Activity view");
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});
