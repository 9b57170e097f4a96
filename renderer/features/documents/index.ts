// What the app shell mounts for the Documents view.
import "./documents.css";
import "./evaluate/evaluate.css";

export { DocumentsView } from "./DocumentsView.tsx";
