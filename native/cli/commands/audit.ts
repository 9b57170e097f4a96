// `enclave audit verify` and `enclave audit export <file>`: check the audit log's hash chain (exit
// status 9 when it is broken, naming the line), and write a copy of it with its verification.
import { resolve } from "node:path";
import { expectPositionals } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { ExitCode } from "../../host/exit-codes.ts";
import { formatJson } from "../output.ts";
import type { AuditVerification } from "../../contract/audit.ts";

const verifyUsage = `Usage: enclave audit verify [--json]

Checks the audit log's hash chain: finds any record that was edited, removed, reordered or cut off
the end, and says on which line. Exit status ${ExitCode.AUDIT_BROKEN} when the chain is broken.

${GLOBAL_OPTIONS_HELP}`;

const exportUsage = `Usage: enclave audit export <file> [--json]

Writes a copy of the audit log to <file> and its verification result to <file>.verification.json.

${GLOBAL_OPTIONS_HELP}`;

function describe(v: AuditVerification): string {
  const lines = [`${v.path}: ${v.records} records, ${v.ok ? "chain intact" : "CHAIN BROKEN"}`];
  for (const p of v.problems) lines.push(`  line ${p.line} (${p.kind}): ${p.message}`);
  return lines.join("\n") + "\n";
}

export const auditVerifyCommand: Command = {
  words: ["audit", "verify"],
  summary: "Check the audit log's hash chain",
  usage: verifyUsage,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    expectPositionals(ctx.args, [], verifyUsage);
    const client = await ctx.engine();
    const v = await client.call("audit.verify", {}, { signal: ctx.signal });
    ctx.io.stdout.write(ctx.args.values.json === true ? formatJson(v) : describe(v));
    return v.ok ? ExitCode.OK : ExitCode.AUDIT_BROKEN;
  },
};

export const auditExportCommand: Command = {
  words: ["audit", "export"],
  summary: "Copy the audit log with its verification result",
  usage: exportUsage,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    const [file] = expectPositionals(ctx.args, ["file"], exportUsage) as [string];
    const client = await ctx.engine();
    const result = await client.call("audit.export", { path: resolve(ctx.cwd, file) }, { signal: ctx.signal });
    ctx.io.stdout.write(ctx.args.values.json === true ? formatJson(result) : `Wrote ${result.path} and ${result.verificationPath}\n${describe(result.verification)}`);
    return result.verification.ok ? ExitCode.OK : ExitCode.AUDIT_BROKEN;
  },
};
