// How sizes, counts and verdicts read on screen.
import type { FitVerdict } from "../../native/contract/models.ts";

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatParams(count: number | null): string | null {
  if (count === null) return null;
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${Math.round(count / 1e6)}M`;
  return `${count}`;
}

export const verdictLabel: Record<FitVerdict, string> = {
  fits: "Fits",
  tight: "Tight",
  "wont-fit": "Won't fit",
  unknown: "Unknown fit",
};

export const verdictHelp: Record<FitVerdict, string> = {
  fits: "Enough free memory for the model and its context.",
  tight: "Close to the free memory: other apps may slow down, or loading may fail.",
  "wont-fit": "Needs more memory than is free; lower the context size or pick a smaller quant.",
  unknown: "The memory need could not be estimated for this file.",
};

export const sourceLabel: Record<string, string> = {
  user: "Added by you",
  lmstudio: "LM Studio",
  ollama: "Ollama",
  gpt4all: "GPT4All",
  "hf-cache": "Hugging Face cache",
  download: "Downloaded",
};

/** "1 thread", "4 threads". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The last part of a path, Windows or POSIX: what a person calls the file. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}
