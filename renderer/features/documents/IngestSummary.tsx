// What the last ingest did: counts by outcome, and each failed file with the engine's reason.
import type { LastIngest } from "./store.ts";
import { fileName } from "../../shared/format.ts";

const OUTCOME_WORDS: Record<string, string> = {
  added: "added",
  updated: "updated",
  unchanged: "unchanged",
  renamed: "renamed",
  removed: "removed (file deleted)",
  failed: "failed",
  skipped: "skipped",
};

export function IngestSummary({ last }: { last: LastIngest }) {
  const counts = new Map<string, number>();
  for (const f of last.files) counts.set(f.outcome, (counts.get(f.outcome) ?? 0) + 1);
  const problems = last.files.filter((f) => f.error || f.warnings.length > 0);
  const parts = [...counts].map(([outcome, n]) => `${n} ${OUTCOME_WORDS[outcome] ?? outcome}`);
  return (
    <section className="ingest-summary" aria-label="Last import" role="status">
      <p>
        {last.cancelled ? "Cancelled. " : ""}
        {parts.length ? `${parts.join(", ")}.` : "No files were processed."}
      </p>
      {problems.length > 0 && (
        <ul className="ingest-problems">
          {problems.map((f) => (
            <li key={f.path} className={f.error ? "error" : "warning"}>
              <strong title={f.path}>{fileName(f.path)}</strong>: {f.error ? f.error.message : f.warnings.join(" ")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
