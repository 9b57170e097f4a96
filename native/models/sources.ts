// Where other apps keep their models. Home, environment and platform are parameters so that tests
// (and the CLI) can point them anywhere.
import { join, resolve } from "node:path";
import type { ModelSource } from "../contract/models.ts";

export interface FolderSpec {
  path: string;
  source: ModelSource;
}

export interface Environment {
  home: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
}

export function appModelFolders({ home, env, platform }: Environment): FolderSpec[] {
  const folders: FolderSpec[] = [
    { path: join(home, ".lmstudio", "models"), source: "lmstudio" },
    { path: join(home, ".cache", "lm-studio", "models"), source: "lmstudio" },
    { path: env.OLLAMA_MODELS || join(home, ".ollama", "models"), source: "ollama" },
  ];
  if (platform === "darwin") folders.push({ path: join(home, "Library", "Application Support", "nomic.ai", "GPT4All"), source: "gpt4all" });
  else if (platform === "win32") folders.push({ path: join(env.LOCALAPPDATA || join(home, "AppData", "Local"), "nomic.ai", "GPT4All"), source: "gpt4all" });
  else folders.push({ path: join(env.XDG_DATA_HOME || join(home, ".local", "share"), "nomic.ai", "GPT4All"), source: "gpt4all" });
  const hub = [env.HF_HUB_CACHE, env.HF_HOME ? join(env.HF_HOME, "hub") : undefined, join(home, ".cache", "huggingface", "hub")];
  for (const path of hub) if (path) folders.push({ path, source: "hf-cache" });
  const seen = new Set<string>();
  return folders.filter((f) => {
    const key = resolve(f.path);
    if (seen.has(key)) return false;
    seen.add(key);
    f.path = key;
    return true;
  });
}
