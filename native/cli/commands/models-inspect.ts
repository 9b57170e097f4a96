// `enclave models inspect <file|id>`: one GGUF's metadata and memory estimate, in the library or not.
import { expectPositionals, gpuLayersOption, intOption, modelRefArg } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { ExitCode, UsageError } from "../../host/exit-codes.ts";
import { formatJson, formatModelInspect } from "../output.ts";

const usage = `Usage: enclave models inspect <file|id> [--json] [--ctx N] [--gpu-layers auto|N]

Shows a GGUF file's metadata (name, architecture, parameters, quantization, context length, chat
template, license) and whether it fits in memory. A file that is not a readable GGUF is described
(with its error) and the command exits with status 4. <file|id> is a path to a .gguf file, a library id
or a SHA-256.

Options:
  --json             print the models.inspect object as JSON (with all GGUF metadata)
  --ctx N            context size the memory estimate assumes
  --gpu-layers L     GPU layers the memory estimate assumes: auto or a number

${GLOBAL_OPTIONS_HELP}`;

export const modelsInspectCommand: Command = {
  words: ["models", "inspect"],
  summary: "Show a model file's metadata and memory estimate",
  usage,
  options: { json: { type: "boolean" }, ctx: { type: "string" }, "gpu-layers": { type: "string" } },
  async run(ctx) {
    const { values } = ctx.args;
    const [model] = expectPositionals(ctx.args, ["file|id"], usage);
    const contextSize = intOption(values, "ctx", { min: 64, max: 1 << 20 }, usage);
    const gpuLayers = gpuLayersOption(values, usage);
    if (gpuLayers === "max") throw new UsageError("--gpu-layers for an estimate is 'auto' or a number", usage);
    const client = await ctx.engine();
    const entry = await client.call(
      "models.inspect",
      { model: modelRefArg(model!, ctx.cwd), ...(contextSize !== undefined && { contextSize }), ...(gpuLayers !== undefined && { gpuLayers }) },
      { signal: ctx.signal },
    );
    ctx.io.stdout.write(values.json === true ? formatJson(entry) : formatModelInspect(entry, ctx.style.out));
    // The engine describes an unreadable file rather than refusing it; for one file that is a failure.
    if (entry.error !== null) {
      ctx.io.stderr.write(`enclave: ${entry.path}: ${entry.error}\n`);
      return ExitCode.INVALID_MODEL;
    }
  },
};
