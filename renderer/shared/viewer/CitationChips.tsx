// The sources under an answer: `[n] file · p. X`, marked verified when every quote the answer
// attributes to the source occurs in it. The tooltip shows the passage; a click opens the viewer at
// that page with the passage highlighted.
import type { Citation } from "../../../native/contract/citations.ts";
import { fileName } from "../format.ts";
import { openCitation } from "./store.ts";

const TOOLTIP_CHARS = 400;

export function pageLabel(c: Pick<Citation, "page" | "pageEnd">): string {
  return c.pageEnd > c.page ? `pp. ${c.page}–${c.pageEnd}` : `p. ${c.page}`;
}

function tooltip(c: Citation): string {
  const passage = c.text.length > TOOLTIP_CHARS ? `${c.text.slice(0, TOOLTIP_CHARS)}…` : c.text;
  const missing = c.quotes.filter((q) => !q.verified).map((q) => `Not found in the source: “${q.text}”`);
  return [passage, ...missing].join("\n\n");
}

/** `checks: false` for sources listed whether or not the answer cites them: a check mark there would
 *  claim a verification of quotes the answer never made. */
export function CitationChips({ citations, label = "Sources", checks = true }: { citations: Citation[]; label?: string; checks?: boolean }) {
  if (citations.length === 0) return null;
  return (
    <ul className="citation-chips" aria-label={label}>
      {citations.map((c) => {
        const name = fileName(c.file);
        const check = !checks ? null : c.verified ? "quotes verified against the source" : "a quote was not found in the source";
        return (
          <li key={`${c.n}-${c.documentId}-${c.page}`}>
            <button
              type="button"
              className={!checks ? "citation-chip" : c.verified ? "citation-chip verified" : "citation-chip unverified"}
              title={tooltip(c)}
              onClick={() => void openCitation(c)}
            >
              {/* The name is the visible text plus the check in words: a name that differs from
                  what is shown fails people who speak the label to a voice-control tool. */}
              <span className="citation-n">[{c.n}]</span> {name} · {pageLabel(c)}{" "}
              {check && (
                <span className="citation-check" aria-hidden="true">
                  {c.verified ? "✓" : "⚠"}
                </span>
              )}
              <span className="sr-only"> — {check ? `${check}. ` : ""}Opens the source.</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
