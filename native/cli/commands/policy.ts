// `enclave policy`: the managed policy in force, where it was read from, and whether it is valid.
import { expectPositionals } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { ExitCode } from "../../host/exit-codes.ts";
import { formatJson } from "../output.ts";

const usage = `Usage: enclave policy [--json]

Shows the organisation's managed policy (${"`"}ENCLAVE_POLICY${"`"} or the machine-wide file), or that there is
none. Exit status ${ExitCode.POLICY} when the policy file is invalid.

${GLOBAL_OPTIONS_HELP}`;

export const policyShowCommand: Command = {
  words: ["policy"],
  summary: "Show the managed policy in force",
  usage,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    expectPositionals(ctx.args, [], usage);
    const client = await ctx.engine();
    const status = await client.call("policy.get", {}, { signal: ctx.signal });
    if (ctx.args.values.json === true) ctx.io.stdout.write(formatJson(status));
    else if (status.state === "none") ctx.io.stdout.write(`No managed policy (looked for ${status.path}).\n`);
    else if (status.state === "invalid") ctx.io.stderr.write(`${status.error}\n`);
    else ctx.io.stdout.write(`Managed policy from ${status.path}:\n${JSON.stringify(status.policy, null, 2)}\n`);
    return status.state === "invalid" ? ExitCode.POLICY : ExitCode.OK;
  },
};
