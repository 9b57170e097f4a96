// The columns of a model evaluation, defined once for every front-end: the CLI's table and CSV, and
// the app's table and its CSV export. Pure (no schemas), so the renderer may import it.
import type { EvalModelRow, ModelEvalReport } from "./model-eval.ts";

export interface EvalColumn {
  key: string;
  label: string;
  /** The cell as shown (fractions as percentages, "–" for not applicable). */
  text(row: EvalModelRow): string;
  /** The cell in CSV: plain numbers (fractions stay fractions), empty when not applicable. */
  raw(row: EvalModelRow): string | number;
}

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(0)}%`);
const num = (x: number, digits = 0): string => x.toFixed(digits);
const orEmpty = (x: number | null | undefined): number | string => (x === null || x === undefined ? "" : x);

/** A row's name: the model, its quant, and its adapters with their scales. */
export function evalRowLabel(row: EvalModelRow): string {
  const lora = row.lora.map((a) => `${a.path.split(/[\\/]/).pop()}×${a.scale}`).join(", ");
  return `${row.modelName}${row.quant ? ` ${row.quant}` : ""}${lora ? ` + ${lora}` : ""}`;
}

export const EVAL_COLUMNS: readonly EvalColumn[] = [
  { key: "model", label: "Model", text: evalRowLabel, raw: evalRowLabel },
  { key: "answerContains", label: "Answer found", text: (r) => pct(r.answerContains), raw: (r) => orEmpty(r.answerContains) },
  { key: "citationVerifiedRate", label: "Citations verified", text: (r) => pct(r.citationVerifiedRate), raw: (r) => orEmpty(r.citationVerifiedRate) },
  { key: "ttftMs", label: "TTFT ms", text: (r) => num(r.ttftMs), raw: (r) => r.ttftMs },
  { key: "tokensPerSecond", label: "Tokens/s", text: (r) => num(r.tokensPerSecond, 1), raw: (r) => r.tokensPerSecond },
  { key: "tokensPerAnswer", label: "Tokens/answer", text: (r) => num(r.tokensPerAnswer, 1), raw: (r) => r.tokensPerAnswer },
  { key: "joulesPerAnswer", label: "J/answer (est.)", text: (r) => num(r.joulesPerAnswer, 1), raw: (r) => r.joulesPerAnswer },
  { key: "acceptanceRate", label: "Draft accepted", text: (r) => (r.acceptanceRate === undefined ? "–" : pct(r.acceptanceRate)), raw: (r) => orEmpty(r.acceptanceRate) },
];

/** Extra CSV columns that the table leaves out for width. */
const CSV_ONLY: readonly EvalColumn[] = [
  { key: "modelId", label: "modelId", text: (r) => r.modelId, raw: (r) => r.modelId },
  { key: "sha256", label: "sha256", text: (r) => r.sha256 ?? "", raw: (r) => r.sha256 ?? "" },
  { key: "withExpected", label: "withExpected", text: (r) => String(r.withExpected), raw: (r) => r.withExpected },
  { key: "citationsPerAnswer", label: "citationsPerAnswer", text: (r) => String(r.citationsPerAnswer), raw: (r) => r.citationsPerAnswer },
  { key: "cpuMsPerAnswer", label: "cpuMsPerAnswer", text: (r) => String(r.cpuMsPerAnswer), raw: (r) => r.cpuMsPerAnswer },
  { key: "threads", label: "threads", text: (r) => String(r.threads), raw: (r) => r.threads },
  { key: "loadMs", label: "loadMs", text: (r) => String(r.loadMs), raw: (r) => r.loadMs },
];

/** RFC 4180 CSV, one row per model; headers are the column keys (stable for scripts). */
export function modelEvalCsv(report: Pick<ModelEvalReport, "models" | "wattsPerCore">): string {
  const columns = [...EVAL_COLUMNS, ...CSV_ONLY];
  const cell = (value: string | number): string => {
    const s = String(value);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [[...columns.map((c) => c.key), "wattsPerCore"].join(","), ...report.models.map((row) => [...columns.map((c) => cell(c.raw(row))), cell(report.wattsPerCore)].join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
