// Entry: pick the transport, apply the theme, render the shell, then connect to the engine.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { connectApi, installApi } from "./services/api.ts";
import { applyTheme, watchSystemTheme } from "./shared/theme.ts";
import { bootstrap } from "./app/bootstrap.ts";
import { errorMessage } from "./shared/errors.ts";
import "./styles/app.css";

applyTheme();
watchSystemTheme();
const root = createRoot(document.getElementById("root")!);
try {
  installApi(connectApi(window));
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void bootstrap();
} catch (err) {
  // No transport at all: say why instead of showing an empty window.
  root.render(
    <div className="fatal" role="alert">
      <h1>Enclave cannot reach its engine</h1>
      <p>{errorMessage(err)}</p>
    </div>,
  );
}
