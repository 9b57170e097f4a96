// A one-line progress bar on stderr, drawn only when stderr is a terminal: piped or redirected
// output never sees carriage returns or escape codes.

export interface ProgressState {
  label: string;
  /** 0..1, or null while the total is unknown (an indeterminate bar). */
  fraction: number | null;
  message?: string | undefined;
  /** Advances the indeterminate bar; ignored when the fraction is known. */
  tick?: number;
}

/** The bar as text, `width` columns at most (no escape codes, no carriage return). */
export function renderProgress(state: ProgressState, width: number): string {
  const barWidth = Math.max(10, Math.min(30, width - state.label.length - 20));
  let bar: string;
  let percent: string;
  if (state.fraction === null) {
    const block = 3;
    const position = (state.tick ?? 0) % (barWidth - block + 1);
    bar = " ".repeat(position) + "=".repeat(block) + " ".repeat(barWidth - block - position);
    percent = "    ";
  } else {
    const fraction = Math.min(1, Math.max(0, state.fraction));
    const filled = Math.floor(fraction * barWidth);
    bar = "#".repeat(filled) + "-".repeat(barWidth - filled);
    percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  }
  const line = `${state.label} [${bar}] ${percent}${state.message ? `  ${state.message}` : ""}`;
  return line.length > width ? line.slice(0, Math.max(0, width - 1)) + "…" : line;
}

export interface ProgressStream {
  isTTY?: boolean;
  /** 0 or absent when the terminal does not say (some ptys): 80 is assumed. */
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBar {
  update(fraction: number | null, message?: string): void;
  /** Erases the bar; the next output starts on a clean line. */
  clear(): void;
}

const NO_BAR: ProgressBar = { update() {}, clear() {} };

/** Redraws at most every `intervalMs`, except for the first and the final (100%) state. */
export function createProgressBar(stream: ProgressStream, label: string, options: { intervalMs?: number; now?: () => number } = {}): ProgressBar {
  if (stream.isTTY !== true) return NO_BAR;
  const intervalMs = options.intervalMs ?? 80;
  const now = options.now ?? Date.now;
  let lastDraw = -Infinity;
  let tick = 0;
  let drawn = false;
  return {
    update(fraction, message) {
      const time = now();
      if (time - lastDraw < intervalMs && fraction !== 1) return;
      lastDraw = time;
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r${renderProgress({ label, fraction, message, tick: tick++ }, width)}\u001b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
