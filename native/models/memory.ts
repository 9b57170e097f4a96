// Free memory and the fit verdict. The verdict is pure (tested without a machine); the probe reads
// what the OS says is available right now.
import { freemem } from "node:os";
import { readFile } from "node:fs/promises";
import type { FitVerdict } from "../contract/models.ts";

/** Below this share of free memory a model "fits"; below TIGHT it is "tight"; above, "wont-fit". */
export const FIT_RATIO = 0.7;
export const TIGHT_RATIO = 0.95;

export interface FitInput {
  ramBytes: number;
  vramBytes: number;
  freeRamBytes: number;
  freeVramBytes: number;
}

export function fitVerdict({ ramBytes, vramBytes, freeRamBytes, freeVramBytes }: FitInput): FitVerdict {
  if (![ramBytes, vramBytes, freeRamBytes, freeVramBytes].every(Number.isFinite)) return "unknown";
  if (freeRamBytes <= 0 && ramBytes > 0) return "wont-fit";
  const ratios = [freeRamBytes > 0 ? ramBytes / freeRamBytes : 0];
  if (vramBytes > 0) ratios.push(freeVramBytes > 0 ? vramBytes / freeVramBytes : Infinity);
  const worst = Math.max(...ratios);
  return worst < FIT_RATIO ? "fits" : worst < TIGHT_RATIO ? "tight" : "wont-fit";
}

/** `MemAvailable` from /proc/meminfo text, in bytes; null when absent. */
export function parseMemAvailable(meminfo: string): number | null {
  const match = /^MemAvailable:\s+(\d+)\s*kB/m.exec(meminfo);
  return match ? Number(match[1]) * 1024 : null;
}

export interface MemoryProbe {
  /** Bytes of RAM a new allocation can get without swapping. */
  freeRam(): Promise<number>;
  /** Free and total GPU memory; zeros on CPU-only machines. */
  vram(): Promise<{ free: number; total: number }>;
}

/**
 * On Linux, MemAvailable (free + reclaimable page cache) is what a model load can really use;
 * `os.freemem()` there counts only truly unused pages and makes every model look too big.
 */
export async function availableRam(platform: NodeJS.Platform = process.platform): Promise<number> {
  if (platform === "linux") {
    try {
      const available = parseMemAvailable(await readFile("/proc/meminfo", "utf8"));
      if (available !== null) return available;
    } catch {
      // not readable (sandboxes): fall through
    }
  }
  return freemem();
}
