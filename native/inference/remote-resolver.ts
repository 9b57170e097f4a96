// Which remote model a request names, ready to call: the one place that checks a name against the
// configured remote models, the managed policy (remote backends forbidden: POLICY_DENIED) and offline
// mode. Shared by stateless completions and by conversation turns, so both refuse the same way.
import { EngineError } from "../contract/errors.ts";
import type { Settings } from "../contract/settings.ts";
import type { RemoteCall } from "./remote-backend.ts";
import type { RemoteKeys } from "./remote-keys.ts";

/** The remote model `ref` names, or undefined when it is not one (a local model, or no name). */
export type RemoteResolver = (ref: string | undefined, signal: AbortSignal) => Promise<RemoteCall | undefined>;

export interface RemoteResolverDeps {
  settings: () => Settings;
  keys: RemoteKeys;
  /** Whether the managed policy allows remote backends (absent: allowed). */
  allowed?: () => boolean;
}

export function createRemoteResolver(deps: RemoteResolverDeps): RemoteResolver {
  return async (ref, signal) => {
    const settings = deps.settings();
    const entry = ref === undefined ? undefined : settings.remoteModels.find((r) => r.id === ref);
    if (!entry) return undefined;
    if (deps.allowed && !deps.allowed()) {
      throw new EngineError("POLICY_DENIED", `Remote backends are turned off by your organisation's policy: "${entry.id}" cannot be used.`);
    }
    return { remote: entry, key: await deps.keys.get(entry.id), offline: settings.offline, signal };
  };
}
