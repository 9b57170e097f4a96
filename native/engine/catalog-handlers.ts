// Handlers for the managed model catalog: list (with what is installed) and install with progress.
import { existsSync } from "node:fs";
import { EngineError } from "../contract/errors.ts";
import type { catalogMethods } from "../contract/catalog.ts";
import type { Handlers } from "../router/types.ts";
import type { ModelLibrary } from "../models/library.ts";
import type { AuditRecorder } from "../audit/audit-log.ts";
import { ManagedCatalog } from "../catalog/managed-catalog.ts";

export function createCatalogHandlers(deps: { catalog: ManagedCatalog; library: ModelLibrary; audit: AuditRecorder }): Handlers<typeof catalogMethods> {
  const { catalog, library, audit } = deps;
  return {
    "catalog.list": async (_input, ctx) => {
      const models = await catalog.models(ctx.signal);
      return {
        source: catalog.source,
        models: models.map((m) => {
          const path = ManagedCatalog.targetPath(library.downloadDir, m);
          return { ...m, installedPath: existsSync(path) ? path : null };
        }),
      };
    },
    "catalog.install": async ({ id }, ctx) => {
      const model = (await catalog.models(ctx.signal)).find((m) => m.id === id);
      if (!model) throw new EngineError("MODEL_NOT_FOUND", `The managed catalog has no model "${id}".`);
      let last = 0;
      const path = await catalog.install(model, library.downloadDir, {
        signal: ctx.signal,
        onProgress: ({ current, total }) => {
          const now = Date.now();
          if (now - last < 200 && current !== total) return;
          last = now;
          ctx.emit("progress", { task: "download", fraction: total > 0 ? Math.min(1, current / total) : null, current, total });
        },
      });
      audit.record("catalog.install", { id, name: model.name, sha256: model.sha256.toLowerCase(), license: model.license, path });
      return { model: await library.resolve(path) };
    },
  };
}
