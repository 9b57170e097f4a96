// Where an Electron binary is, if there is one: ELECTRON_OVERRIDE_DIST_PATH (an unpacked Electron),
// else what `npm install electron` downloaded into node_modules/electron/dist. Never triggers a
// download (requiring the `electron` package from Node would try one).
import { existsSync } from "node:fs";
import { join } from "node:path";

export function executableName(platform: NodeJS.Platform): string {
  if (platform === "darwin") return join("Electron.app", "Contents", "MacOS", "Electron");
  return platform === "win32" ? "electron.exe" : "electron";
}

export function findElectronBinary(root: string, env: Record<string, string | undefined> = process.env, platform = process.platform): string | null {
  const dir = env.ELECTRON_OVERRIDE_DIST_PATH || join(root, "node_modules", "electron", "dist");
  const path = join(dir, executableName(platform));
  return existsSync(path) ? path : null;
}

export const NO_BINARY =
  "Electron binary not available (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45, or let npm download it: see README, Desktop app)";
