// What the app shell mounts for the Activity view.
import "./activity.css";

export { ActivityView } from "./ActivityView.tsx";
