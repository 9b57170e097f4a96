// A number typed into a bounded setting: kept if it is within its range, else set to the nearest
// allowed value with a note saying so (never silently changed, never a schema message).

export interface Bounds {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
}

export interface Clamped {
  /** undefined: the field was left empty (the default applies). */
  value: number | undefined;
  /** What was changed and why, for the user; null when the number was kept as typed. */
  note: string | null;
}

export function clampSetting(raw: string, bounds: Bounds): Clamped {
  const text = raw.trim();
  if (text === "") return { value: undefined, note: null };
  const typed = Number(text);
  if (!Number.isFinite(typed)) return { value: undefined, note: `“${text}” is not a number; the default applies.` };
  let value = bounds.integer ? Math.round(typed) : typed;
  if (value < bounds.min) value = bounds.min;
  if (value > bounds.max) value = bounds.max;
  if (value === typed) return { value, note: null };
  if (typed > bounds.max) return { value, note: `Set to ${format(value)}, the largest allowed (you typed ${format(typed)}).` };
  if (typed < bounds.min) return { value, note: `Set to ${format(value)}, the smallest allowed (you typed ${format(typed)}).` };
  return { value, note: `Rounded to ${format(value)}: whole numbers only.` };
}

export function rangeText(bounds: Bounds): string {
  return `${format(bounds.min)}–${format(bounds.max)}${bounds.integer ? ", whole numbers" : ""}`;
}

function format(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 4 });
}
