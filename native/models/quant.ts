// Quantization labels as users know them ("Q4_K_M", "F16"), from a GGUF's `general.file_type`
// or, when that is missing, from the file name.
import { llamaLoaded } from "../inference/llama-module.ts";

/**
 * `general.file_type` → label. node-llama-cpp names its enum members `MOSTLY_Q4_K_M`, `ALL_F32`:
 * the label is the member name without that prefix. Deprecated layouts keep their historical names.
 */
export function quantLabel(fileType: number | undefined | null): string | null {
  if (fileType == null || !Number.isInteger(fileType)) return null;
  // Called on metadata that node-llama-cpp's GGUF reader just parsed, so the module is imported.
  const name = (llamaLoaded().GgufFileType as unknown as Record<number, string | undefined>)[fileType];
  if (name === undefined) return null;
  return name.replace(/^(MOSTLY|ALL)_/, "");
}

// Longest first, so "Q4_K_M" wins over "Q4_K" and "IQ2_XXS" over "IQ2_XS".
const QUANT_TOKENS = [
  "IQ1_S", "IQ1_M", "IQ2_XXS", "IQ2_XS", "IQ2_S", "IQ2_M", "IQ3_XXS", "IQ3_XS", "IQ3_S", "IQ3_M", "IQ4_NL", "IQ4_XS",
  "Q2_K_S", "Q2_K_L", "Q2_K_XL", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q3_K_XL", "Q4_K_S", "Q4_K_M", "Q4_K_L", "Q4_K_XL",
  "Q5_K_S", "Q5_K_M", "Q5_K_L", "Q5_K_XL", "Q6_K_L", "Q6_K_XL", "Q8_K_XL", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K",
  "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q1_0", "Q2_0", "TQ1_0", "TQ2_0",
  "MXFP4_MOE", "MXFP4", "NVFP4", "BF16", "F16", "FP16", "F32", "FP32",
].sort((a, b) => b.length - a.length);

const QUANT_SUFFIX = new RegExp(`[-._ ](?:${QUANT_TOKENS.join("|")})(?=$|[-._ ])`, "i");

/** The quantization named in a file name ("llama-3-8b.Q4_K_M.gguf" → "Q4_K_M"), if any. */
export function quantFromFileName(fileName: string): string | null {
  const stem = stripGgufExtension(fileName);
  const match = QUANT_SUFFIX.exec(stem);
  if (!match) return null;
  const label = match[0].slice(1).toUpperCase();
  return label === "FP16" ? "F16" : label === "FP32" ? "F32" : label;
}

/** A file name without its extension and quantization tags: "Llama-3-8B-Instruct.Q4_K_M.gguf" → "Llama-3-8B-Instruct". */
export function stripQuantSuffixes(fileName: string): string {
  let stem = stripGgufExtension(fileName);
  for (let i = 0; i < 4; i++) {
    const next = stem.replace(QUANT_SUFFIX, "");
    if (next === stem) break;
    stem = next;
  }
  return stem.replace(/[-._ ](?:gguf|ggml)$/i, "").replace(/[-._ ]+$/, "");
}

function stripGgufExtension(fileName: string): string {
  return fileName.replace(/\.gguf$/i, "");
}
