#!/usr/bin/env node
// `npm run audit:prod` (and .ci/run): npm audit over the production dependencies, printed plainly.
// Exits 1 only on a critical advisory in what ships; an unreachable audit service is reported, not
// failed (audit-verdict.mjs).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { auditVerdict } from "./audit-verdict.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = spawnSync(npm, ["audit", "--omit=dev", "--json"], { cwd: root, encoding: "utf8", timeout: 120_000 });
const verdict = auditVerdict({ status: run.status, stdout: run.stdout ?? "", stderr: run.stderr ?? String(run.error ?? "") });
for (const line of verdict.lines) console.log(line);
process.exit(verdict.ok ? 0 : 1);
