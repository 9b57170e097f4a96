// A stand-in for an unpacked Electron, for packaging offline: electron-builder's `dir` target copies
// the folder given as `electronDist` and renames its `electron` executable. Electron's real binary
// cannot be downloaded here, so this folder has the files electron-builder touches and an
// `electron` script that refuses to run. The packaged app it produces is complete except for
// Electron itself; packaged-app.test.ts runs its engine and CLI under plain Node instead.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function writeStandInElectron(dir: string, version: string): string {
  mkdirSync(join(dir, "resources"), { recursive: true });
  writeFileSync(join(dir, "electron"), "#!/bin/sh\necho 'stand-in for Electron (test/packaging/stand-in-electron.ts): it cannot run the app' >&2\nexit 1\n");
  chmodSync(join(dir, "electron"), 0o755);
  writeFileSync(join(dir, "version"), `v${version}`);
  for (const name of ["LICENSE", "LICENSES.chromium.html", "chrome-sandbox"]) writeFileSync(join(dir, name), "");
  return dir;
}
