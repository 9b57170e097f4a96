import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build, createServer } from "vite";
import { pdfjsAssets } from "./pdfjs-assets-plugin.ts";
import { pdfjsAssetUrls } from "../pdfjs-assets.ts";

const pdfjsDir = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

test("the build ships every pdf.js data file under pdfjs/, byte for byte", async () => {
  const root = await mkdtemp(join(tmpdir(), "enclave-pdfjs-assets-"));
  try {
    await writeFile(join(root, "index.html"), "<!doctype html><title>t</title>");
    await build({ root, logLevel: "silent", configFile: false, plugins: [pdfjsAssets()], build: { outDir: join(root, "out") } });
    for (const dir of ["wasm", "standard_fonts", "cmaps", "iccs"]) {
      assert.deepEqual((await readdir(join(root, "out/pdfjs", dir))).sort(), (await readdir(join(pdfjsDir, dir))).sort(), dir);
    }
    assert.deepEqual(await readFile(join(root, "out/pdfjs/wasm/jbig2.wasm")), await readFile(join(pdfjsDir, "wasm/jbig2.wasm")));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("the dev server answers the data files and nothing else from node_modules", async () => {
  const root = await mkdtemp(join(tmpdir(), "enclave-pdfjs-dev-"));
  const server = await createServer({ root, logLevel: "silent", configFile: false, plugins: [pdfjsAssets()], server: { port: 0, host: "127.0.0.1" } });
  try {
    await server.listen();
    const address = server.httpServer!.address();
    assert.ok(address && typeof address === "object");
    const base = `http://127.0.0.1:${address.port}/`;
    const font = await fetch(`${base}pdfjs/standard_fonts/LiberationSans-Regular.ttf`);
    assert.equal(font.status, 200);
    assert.equal(font.headers.get("content-type"), "font/ttf");
    assert.deepEqual(Buffer.from(await font.arrayBuffer()), await readFile(join(pdfjsDir, "standard_fonts/LiberationSans-Regular.ttf")));
    const escape = await fetch(`${base}pdfjs/wasm/..%2fpackage.json`);
    assert.doesNotMatch(await escape.text(), /"name": "pdfjs-dist"/);
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});

test("pdf.js is given absolute folder URLs under the page's base, each ending in a slash", () => {
  assert.deepEqual(pdfjsAssetUrls("app://enclave/index.html"), {
    wasmUrl: "app://enclave/pdfjs/wasm/",
    standardFontDataUrl: "app://enclave/pdfjs/standard_fonts/",
    cMapUrl: "app://enclave/pdfjs/cmaps/",
    iccUrl: "app://enclave/pdfjs/iccs/",
  });
  assert.equal(pdfjsAssetUrls("http://127.0.0.1:4000/app/index.html").cMapUrl, "http://127.0.0.1:4000/app/pdfjs/cmaps/");
});
