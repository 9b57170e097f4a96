// What the app shell mounts for the Documents view.
import "./documents.css";

export { DocumentsView } from "./DocumentsView.tsx";
