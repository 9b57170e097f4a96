// Command-line parsing for the host processes (the CLI, the web host), on node:util parseArgs. Global
// options may appear before or after the command words; every mistake (unknown option, missing value,
// bad number) becomes a UsageError with a message that names the option, never a stack trace.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "./exit-codes.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
}
export type OptionSpecs = Record<string, OptionSpec>;

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  "data-dir": { type: "string" },
  cpu: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpecs;

export interface GlobalOptions {
  dataDir: string | undefined;
  cpu: boolean;
  help: boolean;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  globals: GlobalOptions;
  /** Every value of each string option, in order, for repeatable ones (`values` keeps the last). */
  lists?: Record<string, string[]>;
}

/**
 * Parses one command's arguments (the command words already removed) against its options plus the
 * global ones. Throws UsageError for anything parseArgs would accept loosely or reject cryptically.
 */
export function parseCommandArgs(argv: readonly string[], options: OptionSpecs, usage?: string): ParsedArgs {
  const all: OptionSpecs = { ...GLOBAL_OPTIONS, ...options };
  const fail = (message: string): never => {
    throw new UsageError(message, usage);
  };
  // strict: false so that the checks below produce our own messages; tokens say exactly what was seen.
  const { tokens, positionals } = parseArgs({ args: [...argv], options: all, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean | undefined> = {};
  const lists: Record<string, string[]> = {};
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const spec = all[token.name];
    if (spec === undefined) fail(`unknown option '${token.rawName}'`);
    else if (spec.type === "boolean") {
      if (token.value !== undefined) fail(`option '${token.rawName}' takes no value`);
      values[token.name] = true;
    } else {
      const value = token.value;
      if (value === undefined || (!token.inlineValue && looksLikeOption(value, all))) fail(`option '${token.rawName}' needs a value`);
      values[token.name] = value;
      if (value !== undefined) (lists[token.name] ??= []).push(value);
    }
  }
  const dataDir = values["data-dir"];
  return {
    values,
    lists,
    positionals,
    globals: { dataDir: typeof dataDir === "string" ? dataDir : undefined, cpu: values.cpu === true, help: values.help === true },
  };
}

function looksLikeOption(value: string, options: OptionSpecs): boolean {
  if (value.startsWith("--")) return value.slice(2).split("=")[0]! in options;
  if (/^-[a-zA-Z]$/.test(value)) return Object.values(options).some((spec) => spec.short === value.slice(1));
  return false;
}

/**
 * Splits the command words off the front of argv. Leading global options (and the value of
 * `--data-dir`) are skipped over and kept; words are taken while `isKnown` says they extend a known
 * command path. Returns the words and the remaining arguments in their original order.
 */
export function takeCommandWords(argv: readonly string[], isKnown: (words: readonly string[]) => boolean): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--data-dir") {
      rest.push(arg);
      if (i + 1 < argv.length) rest.push(argv[++i]!);
    } else if (arg.startsWith("--data-dir=") || arg === "--cpu" || arg === "--help" || arg === "-h") {
      rest.push(arg);
    } else if (!arg.startsWith("-") && isKnown([...words, arg])) {
      words.push(arg);
    } else if (!arg.startsWith("-") && words.length === 0) {
      // An unknown first word: keep it as the command so the caller can say it is unknown.
      words.push(arg);
      i++;
      break;
    } else break;
  }
  rest.push(...argv.slice(i));
  return { words, rest };
}

/** An integer option within bounds, or undefined when not given. */
export function intOption(values: ParsedArgs["values"], name: string, bounds: { min: number; max?: number }, usage?: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    const range = bounds.max === undefined ? `${bounds.min} or more` : `from ${bounds.min} to ${bounds.max}`;
    throw new UsageError(`--${name} must be a whole number ${range} (got '${String(raw)}')`, usage);
  }
  return value;
}

/** A decimal option within bounds, or undefined when not given. */
export function numberOption(values: ParsedArgs["values"], name: string, bounds: { min: number; max: number }, usage?: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    throw new UsageError(`--${name} must be a number from ${bounds.min} to ${bounds.max} (got '${String(raw)}')`, usage);
  }
  return value;
}

/** `--gpu-layers auto|max|N`. */
export function gpuLayersOption(values: ParsedArgs["values"], usage?: string): "auto" | "max" | number | undefined {
  const raw = values["gpu-layers"];
  if (raw === "auto" || raw === "max") return raw;
  try {
    return intOption(values, "gpu-layers", { min: 0 }, usage);
  } catch {
    throw new UsageError(`--gpu-layers must be 'auto', 'max' or a whole number 0 or more (got '${String(raw)}')`, usage);
  }
}

export function stringOption(values: ParsedArgs["values"], name: string): string | undefined {
  const raw = values[name];
  return typeof raw === "string" ? raw : undefined;
}

/** Exactly `count` positionals, named for the message. */
export function expectPositionals(parsed: ParsedArgs, names: readonly string[], usage?: string): string[] {
  if (parsed.positionals.length < names.length) throw new UsageError(`missing ${names.slice(parsed.positionals.length).map((n) => `<${n}>`).join(" ")}`, usage);
  if (parsed.positionals.length > names.length) throw new UsageError(`unexpected argument '${parsed.positionals[names.length]}'`, usage);
  return parsed.positionals;
}

/**
 * A model reference as the engine wants it: paths made absolute (the engine may resolve them
 * elsewhere), library ids and SHA-256s passed through. Anything that exists on disk, contains a
 * path separator or ends in .gguf is taken as a path.
 */
export function modelRefArg(ref: string, cwd: string = process.cwd()): string {
  const isPath = existsSync(path.resolve(cwd, ref)) || /[\\/]/.test(ref) || ref.toLowerCase().endsWith(".gguf");
  return isPath ? path.resolve(cwd, ref) : ref;
}
