// Where the policy and the audit log sit between the router and the features: each governed method
// is wrapped once here, so a feature cannot forget a rule and a transport cannot bypass one.
// The model allow-list is enforced deeper, in the resolver the model host loads through
// (`policyResolver`), because the hash must be of the very file that is about to load.
import { isEngineError, methods, type Methods } from "../contract/index.ts";
import type { Handlers } from "../router/types.ts";
import type { AuditRecorder } from "../audit/audit-log.ts";
import type { ModelResolver } from "../inference/model-host.ts";
import type { PolicyService } from "./policy-service.ts";

export function enforcePolicy(handlers: Handlers<Methods>, deps: { policy: PolicyService; audit: AuditRecorder }): Handlers<Methods> {
  const { policy, audit } = deps;
  return {
    ...handlers,
    "models.download": async (input, ctx) => {
      policy.assertDownloadsAllowed();
      const result = await handlers["models.download"](input, ctx).catch((err: unknown) => {
        if (isEngineError(err, "OFFLINE")) audit.record("network.blocked", { uri: input.uri, via: "download", reason: err.message });
        throw err;
      });
      audit.record("model.download", { uri: input.uri, path: result.model.path, sha256: result.model.sha256 });
      return result;
    },
    "inference.load": async (input, ctx) => {
      policy.assertContextSize(input.contextSize);
      const loaded = await handlers["inference.load"](input, ctx);
      const { model } = loaded;
      audit.record("model.load", { path: model.path, sha256: model.sha256, name: model.displayName, license: model.license, contextSize: loaded.contextSize });
      return loaded;
    },
    "settings.update": async (patch, ctx) => {
      const result = await handlers["settings.update"](patch, ctx);
      audit.record("settings.change", { changed: patch });
      return result;
    },
    "chat.send": async (input, ctx) => {
      audit.record("question", { conversationId: input.conversationId, ...policy.auditedQuestion(input.text) });
      return handlers["chat.send"](input, ctx);
    },
    "chat.edit": async (input, ctx) => {
      audit.record("question", { conversationId: input.conversationId, edited: true, ...policy.auditedQuestion(input.text) });
      return handlers["chat.edit"](input, ctx);
    },
    "rag.ask": async (input, ctx) => {
      audit.record("question", { collection: input.collection, conversationId: input.conversationId ?? null, ...policy.auditedQuestion(input.question) });
      return handlers["rag.ask"](input, ctx);
    },
    "rag.ingest": async (input, ctx) => {
      const result = await handlers["rag.ingest"](input, ctx);
      audit.record("ingest", {
        collection: result.collection,
        cancelled: result.cancelled,
        files: result.files.map((f) => ({ path: f.path, outcome: f.outcome, documentId: f.documentId, error: f.error?.code ?? null })),
      });
      return result;
    },
    "conversations.export": async (input, ctx) => {
      const result = await handlers["conversations.export"](input, ctx);
      audit.record("conversations.export", { format: result.format, count: result.count });
      return result;
    },
    "conversations.delete": async (input, ctx) => {
      const result = await handlers["conversations.delete"](input, ctx);
      audit.record("conversation.delete", { id: input.id, deleted: result.deleted });
      return result;
    },
  };
}

/** Model resolution that refuses files the policy does not allow (hashing them first; cached). */
export function policyResolver(inner: ModelResolver & { hash(ref: string): Promise<{ sha256: string }> }, policy: PolicyService, extraAllowed: () => Promise<ReadonlySet<string>> = async () => new Set()): ModelResolver {
  return {
    async resolve(ref) {
      const entry = await inner.resolve(ref);
      if (policy.restrictsModels) {
        const { sha256 } = await inner.hash(entry.path);
        policy.assertModelAllowed(sha256, entry.path, await extraAllowed());
      }
      return entry;
    },
    estimate: (entry, options) => inner.estimate(entry, options),
  };
}

/** The engine when the policy file is invalid: every method fails closed, naming the bad key. */
export function failClosedHandlers(open: Partial<Handlers<Methods>>, policy: PolicyService): Handlers<Methods> {
  const closed = {} as Record<keyof Methods, unknown>;
  for (const name of Object.keys(methods) as (keyof Methods)[]) {
    closed[name] =
      open[name] ??
      (async () => {
          policy.assertValid();
          throw new Error("unreachable: a fail-closed engine with a valid policy");
        });
  }
  return closed as Handlers<Methods>;
}
