// Where the engine keeps its state. The default is the folder Electron's `app.getPath("userData")`
// gives the desktop app (named "Enclave"), so the CLI, the web host and the app share one library,
// one set of conversations and one settings file.
import { homedir } from "node:os";
import path from "node:path";

export const APP_NAME = "Enclave";

export interface DataDirEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  cwd: string;
}

function currentEnvironment(): DataDirEnvironment {
  return { platform: process.platform, env: process.env, home: homedir(), cwd: process.cwd() };
}

/** Electron's appData folder joined with the app name, per platform. */
export function defaultDataDir(environment: DataDirEnvironment = currentEnvironment()): string {
  const { platform, env, home } = environment;
  if (platform === "win32") {
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(home, "AppData", "Roaming");
    return path.win32.join(appData, APP_NAME);
  }
  if (platform === "darwin") return path.posix.join(home, "Library", "Application Support", APP_NAME);
  // Linux and the other Unixes: XDG, as Electron does (a relative XDG_CONFIG_HOME is ignored by the spec).
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const config = xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, ".config");
  return path.posix.join(config, APP_NAME);
}

/** `--data-dir` first, then `ENCLAVE_DATA_DIR`, then the platform default; always absolute. */
export function resolveDataDir(flag: string | undefined, environment: DataDirEnvironment = currentEnvironment()): string {
  const chosen = nonEmpty(flag) ?? nonEmpty(environment.env.ENCLAVE_DATA_DIR);
  if (chosen === undefined) return defaultDataDir(environment);
  const paths = environment.platform === "win32" ? path.win32 : path.posix;
  return paths.resolve(environment.cwd, chosen);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
