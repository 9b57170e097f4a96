// `--lora file[:scale]` (repeatable) as the engine's adapter list. The scale is split off only when
// what follows the last colon is a number, so Windows paths (C:\…) and colons in names survive.
import path from "node:path";
import { UsageError } from "../host/exit-codes.ts";

export function loraArgs(values: readonly string[], cwd: string, usage: string): { path: string; scale: number }[] {
  return values.map((value) => {
    const match = /^(.*):(-?\d+(?:\.\d+)?)$/.exec(value);
    const file = match ? match[1]! : value;
    const scale = match ? Number(match[2]) : 1;
    if (!file) throw new UsageError(`--lora "${value}": give the adapter's file, optionally :scale`, usage);
    if (scale < -10 || scale > 10) throw new UsageError(`--lora "${value}": the scale must be between -10 and 10`, usage);
    return { path: path.resolve(cwd, file), scale };
  });
}
