// GET /v1/models and /v1/models/:id: the local library (chat and embedding models) with the loaded
// one marked. Ids are library ids; requests may also name a model by display or file name.
import type { FastifyInstance } from "fastify";
import type { ModelEntry } from "../../contract/models.ts";
import type { ServerContext } from "../context.ts";
import { isModelNamed } from "../../inference/model-names.ts";
import { ApiError } from "../openai-errors.ts";

export function registerModels(app: FastifyInstance, ctx: ServerContext): void {
  const listing = async () => {
    const [{ groups }, status] = await Promise.all([ctx.client.call("models.list", {}), ctx.client.call("inference.status", {})]);
    const loadedId = status.loaded?.model.id;
    const entries: ModelEntry[] = groups.flatMap((g) => g.variants).filter((e) => e.kind !== "adapter" && !e.error);
    // A model loaded by path from outside the library is still what requests are answered with.
    if (status.loaded && !entries.some((e) => e.id === loadedId)) entries.unshift(status.loaded.model);
    return entries.map((entry: ModelEntry) => ({
      entry,
      model: {
        id: entry.id,
        object: "model" as const,
        created: Math.floor(entry.mtimeMs / 1000),
        owned_by: "enclave",
        // Extras standard clients ignore.
        name: entry.displayName,
        kind: entry.kind,
        loaded: entry.id === loadedId,
      },
    }));
  };
  const remotes = async () => {
    const { settings } = await ctx.client.call("settings.get", {});
    return settings.remoteModels.map((r) => ({ id: r.id, object: "model" as const, created: 0, owned_by: new URL(r.baseUrl).host, remote: true }));
  };
  app.get("/v1/models", async () => ({ object: "list", data: [...(await listing()).map((m) => m.model), ...(await remotes())] }));
  app.get<{ Params: { id: string } }>("/v1/models/:id", async (request) => {
    const found = (await listing()).find((m) => isModelNamed(m.entry, request.params.id));
    const far = found ? undefined : (await remotes()).find((r) => r.id === request.params.id);
    if (far) return far;
    if (!found) throw new ApiError(404, `The model '${request.params.id}' does not exist`, "invalid_request_error", "model_not_found", "model");
    return found.model;
  });
}
