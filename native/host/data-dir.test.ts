import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultDataDir, resolveDataDir } from "./data-dir.ts";

const linux = { platform: "linux" as const, env: {}, home: "/home/ada", cwd: "/work" };

test("the default is Electron's userData folder for an app named Enclave", () => {
  assert.equal(defaultDataDir(linux), "/home/ada/.config/Enclave");
  assert.equal(defaultDataDir({ ...linux, env: { XDG_CONFIG_HOME: "/xdg" } }), "/xdg/Enclave");
  assert.equal(defaultDataDir({ ...linux, env: { XDG_CONFIG_HOME: "relative" } }), "/home/ada/.config/Enclave");
  assert.equal(defaultDataDir({ ...linux, platform: "darwin", home: "/Users/ada" }), "/Users/ada/Library/Application Support/Enclave");
  assert.equal(
    defaultDataDir({ platform: "win32", env: { APPDATA: "C:\\Users\\ada\\AppData\\Roaming" }, home: "C:\\Users\\ada", cwd: "C:\\" }),
    "C:\\Users\\ada\\AppData\\Roaming\\Enclave",
  );
  assert.equal(defaultDataDir({ platform: "win32", env: {}, home: "C:\\Users\\ada", cwd: "C:\\" }), "C:\\Users\\ada\\AppData\\Roaming\\Enclave");
});

test("--data-dir wins over ENCLAVE_DATA_DIR, which wins over the default; relative paths resolve from cwd", () => {
  const env = { ENCLAVE_DATA_DIR: "/from-env" };
  assert.equal(resolveDataDir("state", { ...linux, env }), "/work/state");
  assert.equal(resolveDataDir(undefined, { ...linux, env }), "/from-env");
  assert.equal(resolveDataDir(undefined, { ...linux, env: { ENCLAVE_DATA_DIR: "" } }), "/home/ada/.config/Enclave");
  assert.equal(resolveDataDir(undefined, linux), "/home/ada/.config/Enclave");
});
