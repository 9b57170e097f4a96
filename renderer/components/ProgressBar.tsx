// Determinate when the fraction is known, otherwise an indeterminate stripe; always labelled.
export interface ProgressBarProps {
  label: string;
  fraction: number | null;
}

export function ProgressBar({ label, fraction }: ProgressBarProps) {
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div
      className={percent === undefined ? "progress progress-indeterminate" : "progress"}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={percent === undefined ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
