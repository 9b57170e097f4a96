// Printing: JSON for scripts (the engine's output objects as they are), aligned text for people.
// Everything here is pure formatting over contract types; commands decide what goes where.
import type { Output } from "../client/types.ts";
import type { FitVerdict, MemoryEstimate, ModelEntry, ModelFolder } from "../contract/models.ts";

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}
const identity = (text: string): string => text;

export const PLAIN: Style = { bold: identity, dim: identity, red: identity, green: identity, yellow: identity };
export const ANSI: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return PLAIN;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "") return ANSI;
  return stream.isTTY === true ? ANSI : PLAIN;
}

// ANSI sequences take no columns; widths are measured without them.
// eslint-disable-next-line no-control-regex
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;
export function visibleLength(text: string): number {
  return text.replace(ANSI_PATTERN, "").length;
}

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Bytes in binary units, as `ls -h` and memory tools count them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "?";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toString()} ${units[unit]}`;
}

/** 7_241_732_096 → "7.2B", 135_000_000 → "135M". */
export function formatParameterCount(count: number | null): string | null {
  if (count === null || !Number.isFinite(count) || count <= 0) return null;
  const scales: [number, string][] = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
  for (const [scale, suffix] of scales) {
    if (count >= scale) {
      const value = count / scale;
      return `${value < 10 ? Number(value.toFixed(1)).toString() : Math.round(value).toString()}${suffix}`;
    }
  }
  return String(count);
}

/** Columns padded to the widest cell; the last column is never padded (paths may be long). */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], style: Style = PLAIN): string {
  const widths = headers.map((h, col) => Math.max(visibleLength(h), ...rows.map((row) => visibleLength(row[col] ?? ""))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, col) => (col === cells.length - 1 ? cell : cell + " ".repeat(widths[col]! - visibleLength(cell))))
      .join("  ")
      .trimEnd();
  return [style.bold(line(headers)), ...rows.map(line)].join("\n") + "\n";
}

const VERDICT_LABEL: Record<FitVerdict, string> = { fits: "fits", tight: "tight", "wont-fit": "won't fit", unknown: "?" };

export function formatVerdict(verdict: FitVerdict | undefined, style: Style): string {
  if (verdict === undefined) return style.dim("?");
  const label = VERDICT_LABEL[verdict];
  if (verdict === "fits") return style.green(label);
  if (verdict === "tight") return style.yellow(label);
  if (verdict === "wont-fit") return style.red(label);
  return style.dim(label);
}

/** "Q4_0", "Q4_0 (adapter)", "(adapter)" when an adapter has no quant, "-" for unreadable files. */
function quantLabel(entry: ModelEntry): string {
  const quant = entry.quant ?? (entry.error !== null ? "-" : entry.kind === "model" ? "?" : null);
  const kind = entry.kind === "model" ? null : `(${entry.kind})`;
  return [quant, kind].filter((part) => part !== null).join(" ");
}

/** `enclave models list`: one table, the model name shown once per group of quantizations. */
export function formatModelList(list: Output<"models.list">, style: Style = PLAIN): string {
  const rows: string[][] = [];
  const unreadable: ModelEntry[] = [];
  for (const group of list.groups) {
    group.variants.forEach((variant, index) => {
      const params = formatParameterCount(group.parameterCount);
      const name = index === 0 ? `${group.name}${params ? ` ${style.dim(params)}` : ""}` : "";
      if (variant.error !== null) unreadable.push(variant);
      rows.push([
        name,
        quantLabel(variant),
        formatBytes(variant.sizeBytes),
        variant.error !== null ? style.red("unreadable") : formatVerdict(variant.estimate?.verdict, style),
        variant.source,
        variant.path,
      ]);
    });
  }
  let out = "";
  if (rows.length === 0) {
    out += "No models found.\n";
  } else {
    out += formatTable(["MODEL", "QUANT", "SIZE", "FIT", "SOURCE", "PATH"], rows, style);
  }
  for (const entry of unreadable) out += `${style.red("unreadable:")} ${entry.path}: ${entry.error}\n`;
  for (const error of list.scanErrors) out += `${style.yellow("scan error:")} ${error.path}: ${error.message}\n`;
  // Other apps' folders that do not exist on this machine are only noise here (--json has them all).
  const folders = list.folders.filter((folder) => folder.exists || !folder.auto);
  if (folders.length > 0) {
    out += `\n${style.bold("Folders")}\n`;
    out += folders.map((folder) => `  ${formatFolder(folder, style)}\n`).join("");
  }
  return out;
}

function formatFolder(folder: ModelFolder, style: Style): string {
  const notes = [folder.source, folder.auto ? "found automatically" : "added"];
  if (!folder.exists) notes.push(style.yellow("missing"));
  return `${folder.path} ${style.dim(`(${notes.join(", ")})`)}`;
}

function keyValues(pairs: readonly (readonly [string, string | null])[], style: Style): string {
  const shown = pairs.filter((pair): pair is readonly [string, string] => pair[1] !== null);
  const width = Math.max(...shown.map(([key]) => key.length));
  return shown.map(([key, value]) => `${style.dim(`${key}:`.padEnd(width + 1))} ${value}\n`).join("");
}

export function formatEstimate(estimate: MemoryEstimate, style: Style): string {
  const parts = [`${formatBytes(estimate.ramBytes)} RAM`];
  if (estimate.vramBytes > 0) parts.push(`${formatBytes(estimate.vramBytes)} VRAM`);
  const free = estimate.freeVramBytes > 0 ? `${formatBytes(estimate.freeRamBytes)} RAM, ${formatBytes(estimate.freeVramBytes)} VRAM free` : `${formatBytes(estimate.freeRamBytes)} RAM free`;
  return `${formatVerdict(estimate.verdict, style)} — ${parts.join(" + ")} at ${estimate.contextSize} tokens, ${estimate.gpuLayers} GPU layers (${free})`;
}

/** `enclave models inspect`: the fields people look for; the raw metadata only in --json. */
export function formatModelInspect(model: Output<"models.inspect">, style: Style = PLAIN): string {
  const metadataKeys = Object.keys(model.metadata).length;
  return keyValues(
    [
      ["Name", model.name ?? model.displayName],
      ["File", model.path],
      ["Id", model.id],
      ["SHA-256", model.sha256],
      ["Kind", model.kind],
      ["Architecture", model.architecture],
      ["Parameters", formatParameterCount(model.parameterCount)],
      ["Quant", model.quant],
      ["Size", formatBytes(model.sizeBytes)],
      ["Context length", model.contextLength === null ? null : String(model.contextLength)],
      ["Chat template", model.hasChatTemplate ? "yes" : "no"],
      ["License", model.license],
      ["Source", model.source],
      ["Fit", model.estimate === null || model.error !== null ? null : formatEstimate(model.estimate, style)],
      ["Metadata", metadataKeys > 0 ? `${metadataKeys} keys (see --json)` : null],
      ["Error", model.error === null ? null : style.red(model.error)],
    ],
    style,
  );
}

/** `enclave models scan`: the folder and what it holds. */
export function formatFolderScan(scan: Output<"models.addFolder">, style: Style = PLAIN): string {
  const out = `${style.bold("Folder")} ${formatFolder(scan.folder, style)}\n`;
  if (scan.models.length === 0) return `${out}No GGUF files found.\n`;
  const rows = scan.models.map((m) => [
    m.name ?? m.displayName,
    quantLabel(m),
    formatBytes(m.sizeBytes),
    m.error !== null ? style.red(`unreadable: ${m.error}`) : m.path,
  ]);
  return out + formatTable(["MODEL", "QUANT", "SIZE", "PATH"], rows, style);
}

function componentRows(c: Output<"engine.info">["components"]): [string, string][] {
  if (c === undefined) return [];
  return [
    ["Electron", c.electron ?? "none (plain Node)"],
    ["node-llama-cpp", c.nodeLlamaCpp ?? "unknown"],
    ["llama.cpp", c.llamaCpp ?? "unknown"],
    ["LanceDB", c.lancedb ?? "unknown"],
  ];
}

export function formatEngineInfo(info: Output<"engine.info">, style: Style = PLAIN): string {
  const gpu = info.gpu === null ? "not initialised yet" : info.gpu === false ? "none (CPU)" : info.gpu;
  return keyValues(
    [
      ["Version", info.version],
      ["Engine pid", String(info.pid)],
      ["Node", info.node],
      ["Platform", `${info.platform} ${info.arch}, ${info.cpus} CPUs`],
      ["GPU", gpu],
      ["Data folder", info.dataDir],
      ["Uptime", `${Math.round(info.uptimeMs)} ms`],
      ...componentRows(info.components),
    ],
    style,
  );
}
