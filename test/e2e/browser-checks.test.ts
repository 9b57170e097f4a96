// The renderer's focused browser checks (each builds one component page with Vite and drives it in
// Chromium under the hosts' CSP): the pdf.js viewer (page drawn, passage marked, shipped fonts, CMaps
// and wasm), the documents table's layout at 1280×800, and uploads with progress and cancel. Each is a
// script that exits non-zero on a failure; here they run as part of `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CHROMIUM_PATH, e2eSkipReason } from "./harness/browser.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const checks = [
  "renderer/features/viewer/browser-check/check.ts",
  "renderer/features/documents/browser-check/check.ts",
  "renderer/services/browser-check/check.ts",
];

const skip = e2eSkipReason();
for (const script of checks) {
  test(`browser check: ${script}`, { skip, timeout: 300_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", script, CHROMIUM_PATH], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject); // a failed spawn emits no exit: fail now, not at the timeout
      child.on("exit", resolve);
    });
    assert.equal(code, 0, output);
    assert.match(output, /check: ok/);
  });
}
