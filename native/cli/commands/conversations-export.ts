// `enclave conversations export`: every conversation (or one, with --id) as Markdown or JSON, with
// the citations of grounded answers, written to a file or to stdout.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { expectPositionals, stringOption } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { UsageError } from "../../host/exit-codes.ts";

const usage = `Usage: enclave conversations export [--format markdown|json] [--id <conversation id>] [--out <file>]

Exports all conversations (or the one named by --id) with their citations. Without --out the export
is printed.

${GLOBAL_OPTIONS_HELP}`;

export const conversationsExportCommand: Command = {
  words: ["conversations", "export"],
  summary: "Export conversations as Markdown or JSON",
  usage,
  options: { format: { type: "string" }, id: { type: "string" }, out: { type: "string" } },
  async run(ctx) {
    expectPositionals(ctx.args, [], usage);
    const format = stringOption(ctx.args.values, "format") ?? "markdown";
    if (format !== "markdown" && format !== "json") throw new UsageError(`--format must be markdown or json, not '${format}'`, usage);
    const id = stringOption(ctx.args.values, "id");
    const out = stringOption(ctx.args.values, "out");
    const client = await ctx.engine();
    const result = await client.call("conversations.export", { format, ...(id ? { ids: [id] } : {}) }, { signal: ctx.signal });
    if (!out) return void ctx.io.stdout.write(result.content);
    const path = resolve(ctx.cwd, out);
    await writeFile(path, result.content);
    ctx.io.stderr.write(`Wrote ${result.count} conversation(s) to ${path}\n`);
  },
};
