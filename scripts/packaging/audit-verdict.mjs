// What `npm audit --omit=dev --json` said, in one plain verdict for CI: the advisories in what ships
// by severity, failing only on a critical one, and a clear "could not be reached" (not a failure)
// when the registry's audit service did not answer — some registries and mirrors refuse the bulk
// advisory request (405), and an offline machine cannot reach it at all.

/** @param {{ status: number | null, stdout: string, stderr: string }} run */
export function auditVerdict(run) {
  let report = null;
  try {
    report = JSON.parse(run.stdout || "null");
  } catch {
    report = null;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const reason = report?.message ?? (run.stderr.split("\n").find((line) => /npm (error|warn)/.test(line)) ?? "no answer").replace(/^npm (error|warn) /, "");
    return { ok: true, reachable: false, lines: [`npm audit --omit=dev: the audit service could not be reached (${reason.trim()}).`, "No advisory data: this is reported, not failed. Re-run where the registry's audit endpoint answers."] };
  }
  const severities = ["critical", "high", "moderate", "low", "info"];
  const summary = severities.map((s) => `${counts[s] ?? 0} ${s}`).join(", ");
  const critical = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === "critical").map((v) => v.name);
  const lines = [`npm audit --omit=dev (production dependencies, what ships): ${summary}.`];
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    const via = (v.via ?? []).map((x) => (typeof x === "string" ? x : x.title ?? x.url)).join("; ");
    lines.push(`  ${v.severity.padEnd(8)} ${name}${v.range ? ` ${v.range}` : ""}${via ? ` — ${via}` : ""}${v.fixAvailable ? " (fix available)" : ""}`);
  }
  if (critical.length > 0) lines.push(`FAIL: critical advisory in shipped code: ${critical.join(", ")}`);
  return { ok: critical.length === 0, reachable: true, lines };
}
