// `enclave engine info`: version, process, platform and GPU backend of the engine.
import { expectPositionals } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { formatEngineInfo, formatJson } from "../output.ts";

const usage = `Usage: enclave engine info [--json]

Shows the engine's version, process, platform, GPU backend and data folder.

Options:
  --json             print the engine.info object as JSON

${GLOBAL_OPTIONS_HELP}`;

export const engineInfoCommand: Command = {
  words: ["engine", "info"],
  summary: "Show the engine's version, platform and GPU backend",
  usage,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    expectPositionals(ctx.args, [], usage);
    const client = await ctx.engine();
    const info = await client.call("engine.info", {}, { signal: ctx.signal });
    ctx.io.stdout.write(ctx.args.values.json === true ? formatJson(info) : formatEngineInfo(info, ctx.style.out));
  },
};
