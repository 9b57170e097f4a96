// The engine process's command line: written by both transports (Node's fork here, Electron's
// utilityProcess in electron/main) and read by the engine's entry. One module, so the writers and
// the reader cannot drift apart.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { EngineLaunchOptions } from "./types.ts";

export type EngineLaunchArgs = Required<Pick<EngineLaunchOptions, "dataDir" | "gpu">>;

/** The arguments a transport passes to the engine's entry. */
export function engineLaunchArgs(options: Pick<EngineLaunchOptions, "dataDir" | "gpu">): string[] {
  return ["--data-dir", options.dataDir, ...(options.gpu === false ? ["--cpu"] : [])];
}

/** The engine's reading of them; throws with a message for the engine's stderr when one is wrong. */
export function parseEngineLaunchArgs(argv: readonly string[]): EngineLaunchArgs {
  // Not strict: a host may add switches of its own to a child's command line (Chromium's to a utility
  // process); only ours are read, and a missing data folder is still refused.
  const { values } = parseArgs({ args: [...argv], options: { "data-dir": { type: "string" }, cpu: { type: "boolean" } }, strict: false });
  const dataDir = values["data-dir"];
  if (typeof dataDir !== "string" || dataDir === "") throw new Error("--data-dir is required");
  return { dataDir: resolve(dataDir), gpu: values.cpu ? false : "auto" };
}
