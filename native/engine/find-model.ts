// A library model by any name an API client may send (id, SHA-256, path, display or file name).
import { EngineError, isEngineError } from "../contract/errors.ts";
import type { ModelEntry } from "../contract/models.ts";
import type { ModelLibrary } from "../models/library.ts";
import { isModelNamed } from "../inference/model-names.ts";

export async function findModelByName(library: ModelLibrary, ref: string): Promise<ModelEntry> {
  try {
    return await library.resolve(ref);
  } catch (err) {
    if (!isEngineError(err, "MODEL_NOT_FOUND") && !isEngineError(err, "NOT_FOUND")) throw err;
  }
  const entry = (await library.entries()).find((e) => isModelNamed(e, ref));
  if (!entry) throw new EngineError("MODEL_NOT_FOUND", `The model "${ref}" does not exist.`, { param: "model" });
  return entry;
}
