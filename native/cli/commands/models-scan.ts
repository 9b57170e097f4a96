// `enclave models scan <dir>`: add a folder to the library (kept across restarts) and list what it holds.
import path from "node:path";
import { expectPositionals } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { formatFolderScan, formatJson } from "../output.ts";

const usage = `Usage: enclave models scan <dir> [--json]

Adds <dir> to the library's folders (remembered across runs; files are listed in place, never
copied) and lists the GGUF files it holds.

Options:
  --json             print the models.addFolder object as JSON

${GLOBAL_OPTIONS_HELP}`;

export const modelsScanCommand: Command = {
  words: ["models", "scan"],
  summary: "Add a folder of GGUF files to the library",
  usage,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    const [dir] = expectPositionals(ctx.args, ["dir"], usage);
    const client = await ctx.engine();
    // The engine runs with its own working directory: send an absolute path.
    const scan = await client.call("models.addFolder", { path: path.resolve(ctx.cwd, dir!) }, { signal: ctx.signal });
    ctx.io.stdout.write(ctx.args.values.json === true ? formatJson(scan) : formatFolderScan(scan, ctx.style.out));
  },
};
