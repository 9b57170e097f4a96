// `enclave settings` and `enclave settings set <key> <value>`: what the engine's settings are, and
// changing one (the embedding model for documents, threads, offline mode, …). Values are parsed as
// JSON when they can be (numbers, true/false, null), else taken as text; the engine validates them.
import { expectPositionals } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { UsageError } from "../../host/exit-codes.ts";
import { formatJson } from "../output.ts";
import { Settings } from "../../contract/settings.ts";
import { modelRefArg } from "../../host/args.ts";

const KEYS = Object.keys(Settings.shape);
const MODEL_KEYS = new Set(["embeddingModel", "rerankerModel"]);

const showUsage = `Usage: enclave settings [--json]

Shows the engine's settings; keys fixed by a policy are marked "locked".

${GLOBAL_OPTIONS_HELP}`;

const setUsage = `Usage: enclave settings set <key> <value> [--json]

Changes one setting. Keys: ${KEYS.join(", ")}.
Values are JSON where they parse (4096, true, null, {"temperature":0.2}), else text.
Examples:
  enclave settings set embeddingModel ~/models/nomic-embed-text-v1.5.Q8_0.gguf
  enclave settings set threads null       (measure the best count again)
  enclave settings set offline true

${GLOBAL_OPTIONS_HELP}`;

export const settingsShowCommand: Command = {
  words: ["settings"],
  summary: "Show settings",
  usage: showUsage,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    expectPositionals(ctx.args, [], showUsage);
    const client = await ctx.engine();
    const { settings, locked } = await client.call("settings.get", {}, { signal: ctx.signal });
    if (ctx.args.values.json === true) ctx.io.stdout.write(formatJson({ settings, locked }));
    else for (const [key, value] of Object.entries(settings)) ctx.io.stdout.write(`${key.padEnd(20)} ${JSON.stringify(value)}${locked.includes(key) ? "  (locked)" : ""}\n`);
  },
};

export const settingsSetCommand: Command = {
  words: ["settings", "set"],
  summary: "Change a setting (e.g. the embedding model used for documents)",
  usage: setUsage,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    const [key, raw] = expectPositionals(ctx.args, ["key", "value"], setUsage) as [string, string];
    if (!KEYS.includes(key)) throw new UsageError(`unknown setting '${key}' (one of: ${KEYS.join(", ")})`, setUsage);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    if (MODEL_KEYS.has(key) && typeof value === "string") value = modelRefArg(value, ctx.cwd);
    const client = await ctx.engine();
    const { settings } = await client.call("settings.update", { [key]: value }, { signal: ctx.signal });
    ctx.io.stdout.write(ctx.args.values.json === true ? formatJson(settings) : `${key} = ${JSON.stringify(settings[key as keyof typeof settings])}\n`);
  },
};
