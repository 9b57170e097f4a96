// Router handlers for remote models' keys and connection tests. Keys are written, never read back:
// `remote.keys` says only which models have one and where keys are kept (the OS keychain in the
// desktop app, which hands them over with `remote.attachKeys`; a 0600 file headless).
import type { remoteMethods } from "../contract/completions.ts";
import { EngineError } from "../contract/errors.ts";
import type { Handlers } from "../router/types.ts";
import { remoteModelIds } from "../inference/remote-backend.ts";
import type { RemoteKeys } from "../inference/remote-keys.ts";
import type { RemoteResolver } from "../inference/remote-resolver.ts";

export function createRemoteHandlers(deps: { keys: RemoteKeys; remote: RemoteResolver }): Handlers<typeof remoteMethods> {
  return {
    "remote.setKey": async ({ id, key }) => ({ id, hasKey: await deps.keys.set(id, key) }),
    "remote.keys": async () => ({ withKey: await deps.keys.ids(), store: deps.keys.store }),
    "remote.test": async ({ id }, ctx) => {
      const call = await deps.remote(id, ctx.signal);
      if (!call) throw new EngineError("MODEL_NOT_FOUND", `No remote model is named "${id}". Save it in Settings first.`, { param: "model" });
      const started = performance.now();
      const models = await remoteModelIds(call);
      return { models, modelListed: models.includes(call.remote.model), latencyMs: Math.round(performance.now() - started) };
    },
    "remote.attachKeys": async ({ keys }) => ({ moved: await deps.keys.hold(keys) }),
  };
}
