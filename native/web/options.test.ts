import { test } from "node:test";
import assert from "node:assert/strict";
import { parseWebHostArgs } from "./options.ts";
import { DEFAULT_UPLOAD_LIMIT } from "./upload.ts";

const env = (vars: Record<string, string> = {}) => ({ platform: "linux" as const, env: vars, home: "/home/ann", cwd: "/work" });

test("defaults: a free port, the GPU when present, 2 GiB uploads, build when stale, the app's data folder", () => {
  assert.deepEqual(parseWebHostArgs([], env()), {
    dataDir: "/home/ann/.config/Enclave",
    port: 0,
    gpu: "auto",
    uploadLimitBytes: DEFAULT_UPLOAD_LIMIT,
    build: true,
    help: false,
    allowedFolders: [],
  });
});

test("--allow-folder: folders joined by the path delimiter, resolved against the cwd", () => {
  assert.deepEqual(parseWebHostArgs(["--allow-folder", "/docs:rel/models"], env()).allowedFolders, ["/docs", "/work/rel/models"]);
});

test("the data folder resolves as the CLI's: flag, then ENCLAVE_DATA_DIR, relative to the cwd", () => {
  assert.equal(parseWebHostArgs(["--data-dir", "d"], env({ ENCLAVE_DATA_DIR: "/e" })).dataDir, "/work/d");
  assert.equal(parseWebHostArgs([], env({ ENCLAVE_DATA_DIR: "/e" })).dataDir, "/e");
});

test("options are read and checked", () => {
  const c = parseWebHostArgs(["--port", "8080", "--cpu", "--upload-limit-mb", "10", "--no-build"], env());
  assert.deepEqual([c.port, c.gpu, c.uploadLimitBytes, c.build], [8080, false, 10 * 1024 * 1024, false]);
  assert.throws(() => parseWebHostArgs(["--port", "70000"], env()), /'--port' must be a whole number from 0 to 65535/);
  assert.throws(() => parseWebHostArgs(["--port", "-1"], env()), /'--port'/);
  assert.throws(() => parseWebHostArgs(["--upload-limit-mb", "0"], env()), /'--upload-limit-mb' must be a whole number from 1/);
  assert.throws(() => parseWebHostArgs(["--bogus"], env()), /unknown option '--bogus'/);
  assert.throws(() => parseWebHostArgs(["serve"], env()), /unexpected argument 'serve'/);
});
