// What a grounded answer rests on, under the answer: the sources it cites (with their quote
// checks), then every source it was given as a "Sources (n)" row, folded when long so a reader's
// eye stays on the answer. Passages shown without a model are listed with their text, each opened
// from its chip. Every chip opens the source viewer at its page with the passage highlighted.
import type { Message } from "../../../../native/contract/conversations.ts";
import type { Citation } from "../../../../native/contract/citations.ts";
// The component module itself, not the viewer's index (which imports CSS Node cannot load).
import { CitationChips } from "../../../shared/viewer/CitationChips.tsx";
import { isPassages } from "../store.ts";

/** More sources than this start folded. */
export const OPEN_SOURCES_MAX = 4;
/** How much of a passage is shown under its chip; the viewer shows the whole page. */
const PASSAGE_CHARS = 400;


const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PASSAGE_CHARS ? `${flat.slice(0, PASSAGE_CHARS)}…` : flat;
};

function PassageList({ sources }: { sources: Citation[] }) {
  return (
    <ol className="passage-list" aria-label={`Passages (${sources.length})`}>
      {sources.map((c) => (
        <li key={`${c.n}-${c.documentId}-${c.page}`} className="passage">
          <CitationChips citations={[c]} label={`Passage ${c.n}`} checks={false} />
          <p className="passage-text">{excerpt(c.text)}</p>
        </li>
      ))}
    </ol>
  );
}

export function AnswerSources({ message }: { message: Message }) {
  const cited = message.citations ?? [];
  const all = message.sources ?? [];
  if (isPassages(message)) return all.length ? <PassageList sources={all} /> : null;
  return (
    <>
      {cited.length > 0 && <CitationChips citations={cited} label="Cited sources" />}
      {all.length > 0 && (
        <details className="sources-row" open={all.length <= OPEN_SOURCES_MAX}>
          <summary>Sources ({all.length})</summary>
          <CitationChips citations={all} label={`All ${all.length} sources`} checks={false} />
        </details>
      )}
    </>
  );
}
