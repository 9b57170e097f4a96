import "../../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { Citation } from "../../../../native/contract/citations.ts";
import { freshApi } from "../../../testing/install.ts";
import type { FakeApi } from "../../../testing/fake-api.ts";
import { message } from "../../../testing/fixtures.ts";
import { initialViewerState, useViewerStore } from "../../../shared/viewer/store.ts";
import { AnswerSources, OPEN_SOURCES_MAX } from "./AnswerSources.tsx";

const source = (n: number, page = n): Citation => ({
  n,
  documentId: `d${n}`,
  file: `/docs/notes-${n}.md`,
  page,
  pageEnd: page,
  text: `Passage ${n}:   the   lease ends in ${2030 + n}.`,
  score: 1,
  quotes: [],
  verified: true,
});

let api: FakeApi;
beforeEach(() => {
  api = freshApi();
  useViewerStore.setState(initialViewerState(), true);
  api.handle("rag.sourcePage", ({ documentId, page }) => ({ documentId, path: "/docs/notes-3.md", name: "notes-3.md", format: "markdown", page, pageCount: 3, text: "x", ocr: false }));
});
afterEach(cleanup);

test("a grounded answer shows the sources it cites, then every source it was given", () => {
  const sources = [source(1), source(2), source(3)];
  render(<AnswerSources message={message({ id: "a1", role: "assistant", text: "Ends in 2032 [2].", status: "complete", citations: [sources[1]!], sources })} />);
  const cited = screen.getByRole("list", { name: "Cited sources" });
  assert.equal(within(cited).getAllByRole("button").length, 1);
  assert.ok(within(cited).getByRole("button", { name: /^\[2\] notes-2\.md · p\. 2/ }));

  const row = screen.getByText("Sources (3)").closest("details")!;
  assert.equal(row.open, true, "a short list is open");
  const all = within(row).getByRole("list", { name: "All 3 sources" });
  const shown = within(all).getAllByRole("button").map((b) => b.textContent!.replace(/\s+/g, " ").trim());
  // No check marks here: the answer quotes nothing from a source it does not cite.
  assert.deepEqual(shown, ["[1] notes-1.md · p. 1 — Opens the source.", "[2] notes-2.md · p. 2 — Opens the source.", "[3] notes-3.md · p. 3 — Opens the source."]);
  assert.match(within(cited).getByRole("button").textContent!, /✓ — quotes verified against the source/);
});

test("a long list of sources starts folded", () => {
  const sources = Array.from({ length: OPEN_SOURCES_MAX + 1 }, (_, i) => source(i + 1));
  render(<AnswerSources message={message({ id: "a1", role: "assistant", text: "No idea.", status: "complete", citations: [], sources })} />);
  assert.equal(screen.queryByRole("list", { name: "Cited sources" }), null, "nothing cited, no cited row");
  assert.equal(screen.getByText(`Sources (${sources.length})`).closest("details")!.open, false);
});

test("clicking a source opens the viewer at its page with its passage", async () => {
  render(<AnswerSources message={message({ id: "a1", role: "assistant", text: "Hmm.", status: "complete", sources: [source(1), source(3, 3)] })} />);
  fireEvent.click(screen.getByRole("button", { name: /^\[3\] notes-3\.md · p\. 3/ }));
  const viewer = useViewerStore.getState();
  assert.equal(viewer.open, true);
  assert.equal(viewer.page, 3);
  assert.equal(viewer.target?.passage, source(3).text);
  assert.deepEqual(api.callsOf("rag.sourcePage")[0]!.input, { documentId: "d3", page: 3 });
});

test("passages found without a model are numbered chips with their text", () => {
  const sources = [source(1), source(2)];
  render(<AnswerSources message={message({ id: "passages-r1", role: "assistant", text: "No model is loaded…", status: "complete", sources })} />);
  const list = screen.getByRole("list", { name: "Passages (2)" });
  const items = within(list).getAllByRole("listitem").filter((li) => li.classList.contains("passage"));
  assert.equal(items.length, 2);
  assert.ok(within(items[1]!).getByRole("button", { name: /^\[2\] notes-2\.md · p\. 2/ }));
  assert.equal(items[1]!.querySelector(".passage-text")!.textContent, "Passage 2: the lease ends in 2032.", "whitespace from the PDF is flattened");
  assert.equal(screen.queryByText(/Sources \(/), null, "listed once, not again as a row");
});

test("a plain answer has no sources row", () => {
  const { container } = render(<AnswerSources message={message({ id: "a1", role: "assistant", text: "Hi", status: "complete" })} />);
  assert.equal(container.innerHTML, "");
});
