// Builds the renderer: root renderer/, output dist/renderer/. A relative base so the same bundle
// loads from Electron's file:// and from the web host at any path.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { pdfjsAssets } from "./renderer/features/viewer/build/pdfjs-assets-plugin.ts";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: `${here}renderer`,
  base: "./",
  plugins: [react(), pdfjsAssets()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    // pdf.js alone is larger than the default warning limit; the size is expected.
    chunkSizeWarningLimit: 2000,
  },
  server: { host: "127.0.0.1" },
});
