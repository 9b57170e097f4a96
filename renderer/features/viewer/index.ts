// What the app shell mounts: the one viewer the citation chips open (chat imports the chips from
// CitationChips.tsx itself); openSource for the browser check, which opens it without a chip.
import "./viewer.css";

export { SourceViewer } from "./SourceViewer.tsx";
export { openSource } from "../../shared/viewer/store.ts";
