// The citation chips (renderer/shared/viewer) with the viewer they open: kept beside the viewer,
// since shared code does not import a feature.
import "../../test-setup.ts";
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { Citation } from "../../../native/contract/citations.ts";
import { FakeApi } from "../../testing/fake-api.ts";
import { installApi } from "../../services/api.ts";
import { CitationChips } from "../../shared/viewer/CitationChips.tsx";
import { SourceViewer } from "./SourceViewer.tsx";
import { initialViewerState, useViewerStore } from "../../shared/viewer/store.ts";

const citations: Citation[] = [
  { n: 1, documentId: "d1", file: "/docs/notes.md", page: 1, pageEnd: 1, text: "The lease of unit ZX-4471 ends on 31 March 2027.", score: 1, quotes: [{ text: "ends on 31 March 2027", verified: true }], verified: true },
  { n: 2, documentId: "d2", file: "C:\\files\\memo.txt", page: 3, pageEnd: 4, text: "Budget figures", score: 0.5, quotes: [{ text: "budget doubled", verified: false }], verified: false },
];

let fake: FakeApi;
beforeEach(() => {
  useViewerStore.setState(initialViewerState(), true);
  fake = new FakeApi().handle("rag.sourcePage", ({ documentId, page }) => ({
    documentId,
    path: "/docs/notes.md",
    name: "notes.md",
    format: "markdown",
    page,
    pageCount: 1,
    text: "# Notes\n\nThe lease of unit ZX-4471\nends on 31 March 2027.\n\nOther text.",
    ocr: false,
  }));
  installApi(fake);
});
afterEach(cleanup);

test("chips show [n] file · page with a verified mark and the passage as tooltip", () => {
  render(<CitationChips citations={citations} />);
  const first = screen.getByRole("button", { name: /\[1\] notes\.md · p\. 1 — quotes verified against the source\. Opens the source\./ });
  assert.match(first.textContent!, /\[1\] notes\.md · p\. 1 ✓/);
  assert.equal(first.getAttribute("title"), citations[0]!.text);
  const second = screen.getByRole("button", { name: /\[2\] memo\.txt · pp\. 3–4 — a quote was not found/ });
  assert.match(second.textContent!, /\[2\] memo\.txt · pp\. 3–4 ⚠/);
  assert.match(second.getAttribute("title")!, /Not found in the source: “budget doubled”/);
});

test("no citations, no list", () => {
  const { container } = render(<CitationChips citations={[]} />);
  assert.equal(container.innerHTML, "");
});

test("clicking a chip opens the viewer at the page with the passage highlighted; Esc closes it", async () => {
  render(
    <>
      <CitationChips citations={citations} />
      <SourceViewer />
    </>,
  );
  assert.equal(screen.queryByRole("dialog"), null);
  fireEvent.click(screen.getByRole("button", { name: /^\[1\]/ }));
  const dialog = await screen.findByRole("dialog", { name: "[1] notes.md · p. 1" });
  const mark = await waitFor(() => {
    const m = dialog.querySelector("mark.source-mark");
    assert.ok(m, "the passage is marked");
    return m;
  });
  assert.equal(mark.textContent, "The lease of unit ZX-4471\nends on 31 March 2027.");
  assert.deepEqual(fake.callsOf("rag.sourcePage")[0]!.input, { documentId: "d1", page: 1 });
  assert.ok(dialog.contains(document.activeElement), "focus moved into the dialog");
  assert.match(dialog.textContent!, /Page\s*of 1/);

  fireEvent.keyDown(document.activeElement!, { key: "Escape" });
  assert.equal(screen.queryByRole("dialog"), null);
  assert.equal(useViewerStore.getState().open, false);
});

test("an engine error (file changed) is shown in the viewer as an alert", async () => {
  fake.handle("rag.sourcePage", () => {
    throw { code: "NOT_FOUND", message: "notes.md changed since it was indexed — re-index it to view its pages." };
  });
  render(
    <>
      <CitationChips citations={citations} />
      <SourceViewer />
    </>,
  );
  fireEvent.click(screen.getByRole("button", { name: /^\[1\]/ }));
  const alert = await screen.findByRole("alert");
  assert.match(alert.textContent!, /re-index/);
});
