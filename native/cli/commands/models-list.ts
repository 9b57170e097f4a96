// `enclave models list`: the library, grouped by base model, with a fit verdict per file.
import { expectPositionals, gpuLayersOption, intOption } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { UsageError } from "../../host/exit-codes.ts";
import { formatJson, formatModelList } from "../output.ts";

const usage = `Usage: enclave models list [--json] [--rescan] [--ctx N] [--gpu-layers auto|N]

Lists every GGUF model in the library (added folders and other apps' model folders), grouped by
base model, with quantization, size, whether it fits in memory, source and path.

Options:
  --json             print the models.list object as JSON
  --rescan           scan the folders again instead of using the cached library
  --ctx N            context size the memory estimate assumes
  --gpu-layers L     GPU layers the memory estimate assumes: auto or a number

${GLOBAL_OPTIONS_HELP}`;

export const modelsListCommand: Command = {
  words: ["models", "list"],
  summary: "List the models in the library",
  usage,
  options: { json: { type: "boolean" }, rescan: { type: "boolean" }, ctx: { type: "string" }, "gpu-layers": { type: "string" } },
  async run(ctx) {
    const { values } = ctx.args;
    expectPositionals(ctx.args, [], usage);
    const contextSize = intOption(values, "ctx", { min: 64, max: 1 << 20 }, usage);
    const gpuLayers = gpuLayersOption(values, usage);
    if (gpuLayers === "max") throw new UsageError("--gpu-layers for an estimate is 'auto' or a number", usage);
    const client = await ctx.engine();
    const list = await client.call(
      "models.list",
      { ...(values.rescan === true && { rescan: true }), ...(contextSize !== undefined && { contextSize }), ...(gpuLayers !== undefined && { gpuLayers }) },
      { signal: ctx.signal },
    );
    ctx.io.stdout.write(values.json === true ? formatJson(list) : formatModelList(list, ctx.style.out));
  },
};
