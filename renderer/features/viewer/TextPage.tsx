// A page as text (every format but PDF, and PDFs that cannot be shown as such), with the cited
// passage marked and scrolled into view.
import { useLayoutEffect, useRef, useState } from "react";
import { markPassage } from "./highlight.ts";

export interface TextPageProps {
  text: string;
  /** The passage to mark, or null on a page it is not on. */
  passage: string | null;
  zoom: number;
}

export function TextPage({ text, passage, zoom }: TextPageProps) {
  const ref = useRef<HTMLPreElement>(null);
  const [missing, setMissing] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.textContent = text;
    const marks = passage ? markPassage([el], passage) : [];
    setMissing(passage !== null && marks.length === 0);
    marks[0]?.scrollIntoView?.({ block: "center" });
  }, [text, passage]);

  return (
    <>
      {missing && <p className="source-note">The cited passage was not found on this page.</p>}
      {!text.trim() && <p className="source-note">This page has no text.</p>}
      <pre ref={ref} className="source-text" style={{ fontSize: `${zoom}em` }} />
    </>
  );
}
