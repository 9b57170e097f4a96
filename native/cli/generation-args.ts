// The generation options `enclave chat` and `enclave ask` share (--temperature, --seed,
// --max-tokens, --threads, --ctx), parsed once with the same bounds and messages.
import type { Input } from "../client/types.ts";
import type { Sampling } from "../contract/conversations.ts";
import { intOption, modelRefArg, numberOption, type ParsedArgs } from "../host/args.ts";

/** --temperature, --seed, --max-tokens as a Sampling; undefined when none was given. */
export function samplingArgs(values: ParsedArgs["values"], usage: string): Sampling | undefined {
  const sampling: Sampling = {};
  const temperature = numberOption(values, "temperature", { min: 0, max: 5 }, usage);
  const seed = intOption(values, "seed", { min: 0 }, usage);
  const maxTokens = intOption(values, "max-tokens", { min: 1, max: 1 << 20 }, usage);
  if (temperature !== undefined) sampling.temperature = temperature;
  if (seed !== undefined) sampling.seed = seed;
  if (maxTokens !== undefined) sampling.maxTokens = maxTokens;
  return Object.keys(sampling).length > 0 ? sampling : undefined;
}

/** inference.load's input for `model` with --threads and --ctx. */
export function loadArgs(values: ParsedArgs["values"], model: string, cwd: string, usage: string): Input<"inference.load"> {
  const load: Input<"inference.load"> = { model: modelRefArg(model, cwd) };
  const threads = intOption(values, "threads", { min: 1, max: 1024 }, usage);
  const contextSize = intOption(values, "ctx", { min: 128, max: 1 << 20 }, usage);
  if (threads !== undefined) load.threads = threads;
  if (contextSize !== undefined) load.contextSize = contextSize;
  return load;
}
