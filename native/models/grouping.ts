// Quant variants of one base model share a group: same normalized name, architecture and
// parameter count. Pure functions, so the rules are tested without any files.
import { stripQuantSuffixes } from "./quant.ts";

/** "7B", "1.5B", "135M", "8x7B" (→ 56e9) → a parameter count; null when it is not a size label. */
export function parseSizeLabel(label: string | null | undefined): number | null {
  if (!label) return null;
  const match = /^\s*(?:(\d+)\s*x\s*)?(\d+(?:\.\d+)?)\s*([KMBT])\s*$/i.exec(label);
  if (!match) return null;
  const experts = match[1] ? Number(match[1]) : 1;
  const scale = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[match[3]!.toUpperCase() as "K" | "M" | "B" | "T"];
  return experts * Number(match[2]) * scale;
}

/** Two significant digits with a unit: 6_738_415_616 → "6.7B", 4_170_048 → "4.2M". */
export function formatParameterCount(count: number): string {
  const units: [number, string][] = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
  for (const [scale, unit] of units) {
    if (count >= scale) return `${Number((count / scale).toPrecision(2))}${unit}`;
  }
  return String(Math.round(count));
}

/** Lower case, quant tags and "GGUF" removed, runs of punctuation as one "-". */
export function normalizeModelName(name: string): string {
  return stripQuantSuffixes(` ${name.trim()}`)
    .toLowerCase()
    .replace(/\bgguf\b/g, "")
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/(^[-.]+|[-.]+$)/g, "");
}

export interface GroupingFields {
  /** `general.name`, when the file has one. */
  name: string | null;
  /** The file name (or, for digest-named files, the friendly display name). */
  fileName: string;
  architecture: string | null;
  parameterCount: number | null;
}

export function groupKey(fields: GroupingFields): string {
  const base = normalizeModelName(fields.name ?? fields.fileName) || normalizeModelName(fields.fileName) || "unnamed";
  const params = fields.parameterCount ? formatParameterCount(fields.parameterCount).toLowerCase() : "?";
  return `${base}|${fields.architecture ?? "?"}|${params}`;
}

/** What the UI shows for a group: the model's own name, else the file name without quant tags. */
export function groupName(fields: GroupingFields): string {
  const name = fields.name?.trim();
  if (name) return stripQuantSuffixes(` ${name}`).trim() || name;
  return stripQuantSuffixes(fields.fileName).trim() || fields.fileName;
}

/** Groups items by `groupKey`, groups sorted by name, variants by size (largest first). */
export function groupBy<T extends { groupKey: string; sizeBytes: number }>(items: T[], nameOf: (item: T) => string): { key: string; name: string; items: T[] }[] {
  const groups = new Map<string, { key: string; name: string; items: T[] }>();
  for (const item of items) {
    let group = groups.get(item.groupKey);
    if (!group) {
      group = { key: item.groupKey, name: nameOf(item), items: [] };
      groups.set(item.groupKey, group);
    }
    group.items.push(item);
  }
  const out = [...groups.values()];
  for (const group of out) group.items.sort((a, b) => b.sizeBytes - a.sizeBytes);
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}
