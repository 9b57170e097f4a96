// What the app shell mounts: the chips under an answer, and the one viewer they open.
import "./viewer.css";

export { CitationChips } from "./CitationChips.tsx";
export { SourceViewer } from "./SourceViewer.tsx";
export { useViewerStore, openCitation, openSource, closeViewer } from "./store.ts";
