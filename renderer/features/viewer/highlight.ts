// Marks a cited passage inside rendered text: wraps each matched range of each element's text in a
// <mark>, so the highlight follows pdf.js's text-layer geometry (or the page text's flow).
import { findPassage } from "./match.ts";

/** Returns the marks made, first to last; none when the passage is not on this page. */
export function markPassage(elements: readonly HTMLElement[], passage: string): HTMLElement[] {
  const ranges = findPassage(elements.map((el) => el.textContent ?? ""), passage);
  const marks: HTMLElement[] = [];
  for (const { piece, start, end } of ranges) {
    const el = elements[piece]!;
    const text = el.textContent ?? "";
    const doc = el.ownerDocument;
    const mark = doc.createElement("mark");
    mark.className = "source-mark";
    mark.textContent = text.slice(start, end);
    el.replaceChildren(doc.createTextNode(text.slice(0, start)), mark, doc.createTextNode(text.slice(end)));
    marks.push(mark);
  }
  return marks;
}
