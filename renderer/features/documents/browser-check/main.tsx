// The page check.ts drives: the real DocumentsView, in the app's layout and styles (a sidebar of the
// app's width beside it), over a fake API holding one collection with a document of each format.
import { createRoot } from "react-dom/client";
import type { DocumentInfo } from "../../../../native/contract/rag.ts";
import { installApi } from "../../../services/api.ts";
import { FakeApi } from "../../../testing/fake-api.ts";
import { DocumentsView } from "../index.ts";
import "../../../styles/app.css";

const collection = "Quarterly reports";
const doc = (id: string, name: string, format: string, extra: Partial<DocumentInfo> = {}): DocumentInfo => ({
  id, path: `/home/analyst/Documents/${name}`, sha256: "", sizeBytes: 1, mtimeMs: 1, collection, format,
  status: "ready", error: null, pages: 12, ocrPages: 0, chunks: 148, ingestedAt: null, ...extra,
});
const documents = [
  doc("1", "Board minutes 2024-Q3 final.pdf", "pdf", { pages: 214, ocrPages: 37, chunks: 1342 }),
  doc("2", "Onboarding handbook.md", "markdown"),
  doc("3", "Supplier agreement v7.docx", "docx", { status: "ingesting" }),
  doc("4", "Intranet export.html", "html", { status: "pending", pages: 0, chunks: 0 }),
  doc("5", "Headcount by site.csv", "csv"),
  doc("6", "Scanned invoice.pdf", "pdf", { status: "failed", error: "The PDF is encrypted: it needs a password to open.", pages: 0, chunks: 0 }),
  doc("7", "A very long file name that goes on and on about the quarterly planning offsite agenda.markdown", "markdown"),
];
installApi(
  new FakeApi()
    .handle("shell.capabilities", () => ({ host: "web", fileDialogs: false, uploads: true, openExternal: false }))
    .handle("rag.collections", () => ({ collections: [{ name: collection, documents: documents.length, failed: 1, chunks: 4000, embedderId: null }] }))
    .handle("rag.documents", () => ({ documents })),
);
createRoot(document.getElementById("root")!).render(
  <div className="app">
    <nav className="sidebar" aria-label="Sections" />
    <div className="app-body">
      <main className="view">
        {/* This page checks the view alone: asking a collection would open the chat, which is not here. */}
        <DocumentsView onAsk={() => Promise.resolve()} />
      </main>
    </div>
  </div>,
);
