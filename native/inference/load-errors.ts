// Turns what node-llama-cpp throws while loading into the contract's error codes, with llama.cpp's
// own logged reason (it only reaches the logger callback) in the message a person reads.
import { llamaIfLoaded } from "./llama-module.ts";
import { EngineError } from "../contract/errors.ts";

export function loadError(err: unknown, what: { path: string; reason?: string | undefined }): EngineError {
  if (err instanceof EngineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const reason = what.reason ? ` (llama.cpp: ${what.reason})` : "";
  const insufficientMemory = llamaIfLoaded()?.InsufficientMemoryError; // what threw it imported it
  if ((insufficientMemory && err instanceof insufficientMemory) || /out of memory|failed to allocate|insufficient memory|not enough (v)?ram/i.test(message + reason)) {
    return new EngineError("OUT_OF_MEMORY", `Not enough memory to load ${what.path}: ${message}${reason}`, undefined, { cause: err });
  }
  if (err instanceof Error && err.name === "AbortError") return new EngineError("ABORTED", "Loading was cancelled.");
  return new EngineError("INVALID_MODEL_FILE", `${what.path} could not be loaded: ${message}${reason}`, undefined, { cause: err });
}

export function adapterError(err: unknown, what: { path: string; reason?: string | undefined }): EngineError {
  if (err instanceof EngineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const reason = what.reason ? ` (llama.cpp: ${what.reason})` : "";
  return new EngineError("INCOMPATIBLE_ADAPTER", `The LoRA adapter ${what.path} does not fit this model: ${message}${reason}`, undefined, { cause: err });
}
