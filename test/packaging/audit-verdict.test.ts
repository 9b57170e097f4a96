// The audit step's verdict on npm audit's JSON: which answers fail CI and which are only reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { auditVerdict } from "../../scripts/packaging/audit-verdict.mjs";

const report = (vulnerabilities: Record<string, { name: string; severity: string; via: unknown[]; range?: string; fixAvailable?: boolean }>) => {
  const counts: Record<string, number> = { info: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  for (const v of Object.values(vulnerabilities)) counts[v.severity] = (counts[v.severity] ?? 0) + 1;
  return JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { ...counts, total: Object.keys(vulnerabilities).length } } });
};

test("an unreachable audit service (the registry's 405 here) is reported plainly and does not fail", () => {
  const stdout = JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405 });
  const verdict = auditVerdict({ status: 1, stdout, stderr: "npm error audit endpoint returned an error\n" });
  assert.equal(verdict.ok, true);
  assert.equal(verdict.reachable, false);
  assert.match(verdict.lines[0]!, /could not be reached \(405 Method Not Allowed/);
  const offline = auditVerdict({ status: 1, stdout: "", stderr: "npm error code ENOTFOUND\nnpm error network request failed\n" });
  assert.equal(offline.ok, true);
  assert.match(offline.lines[0]!, /could not be reached \(code ENOTFOUND\)/);
});

test("advisories are listed by severity; only a critical one fails", () => {
  const high = auditVerdict({ status: 1, stdout: report({ ws: { name: "ws", severity: "high", via: [{ title: "DoS in ws" }], range: "<8.17.1", fixAvailable: true } }), stderr: "" });
  assert.equal(high.ok, true);
  assert.match(high.lines[0]!, /0 critical, 1 high/);
  assert.match(high.lines[1]!, /high +ws <8\.17\.1 — DoS in ws \(fix available\)/);
  const critical = auditVerdict({ status: 1, stdout: report({ zod: { name: "zod", severity: "critical", via: ["x"] } }), stderr: "" });
  assert.equal(critical.ok, false);
  assert.match(critical.lines.at(-1)!, /FAIL: critical advisory in shipped code: zod/);
  const clean = auditVerdict({ status: 0, stdout: report({}), stderr: "" });
  assert.deepEqual([clean.ok, clean.lines.length], [true, 1]);
});
