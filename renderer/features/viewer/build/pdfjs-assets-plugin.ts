// A Vite plugin that ships pdf.js's data files (wasm decoders, standard fonts, CMaps) with the renderer:
// copied into the build under pdfjs/, and answered from node_modules by the dev server. Same origin
// as the page, so the CSP's 'self' covers them and nothing is fetched from a CDN.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import type { Plugin } from "vite";
import { PDFJS_ASSET_DIRS, PDFJS_ASSET_ROOT } from "../pdfjs-assets.ts";

const PACKAGE_DIR = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const DEV_TYPES: Record<string, string> = { ".wasm": "application/wasm", ".js": "text/javascript", ".ttf": "font/ttf" };

/** Every file to ship, by its path under pdfjs/ ("cmaps/UniJIS-UCS2-H.bcmap"), licences included. */
function assetFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of Object.keys(PDFJS_ASSET_DIRS)) {
    for (const name of readdirSync(join(PACKAGE_DIR, dir))) files.set(`${dir}/${name}`, join(PACKAGE_DIR, dir, name));
  }
  return files;
}

export function pdfjsAssets(): Plugin {
  const files = assetFiles();
  return {
    name: "enclave:pdfjs-assets",
    configureServer(server) {
      // Only names from the package listing are answered: a request cannot walk out of node_modules.
      server.middlewares.use(`/${PDFJS_ASSET_ROOT}/`, (req, res, next) => {
        const name = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname.slice(1));
        const file = files.get(name);
        if (!file) return next();
        res.setHeader("content-type", DEV_TYPES[extname(name)] ?? "application/octet-stream");
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [name, file] of files) this.emitFile({ type: "asset", fileName: `${PDFJS_ASSET_ROOT}/${name}`, source: readFileSync(file) });
    },
  };
}
