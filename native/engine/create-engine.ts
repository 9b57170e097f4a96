// Builds the engine: its services (each native resource with one owner) and the router over them.
// Transport-free, so the engine process, in-process tests and a future HTTP host share it.
import { mkdirPrivate, tightenTree } from "../util/private-fs.ts";
import { sweepUnusedUploads } from "../rag/uploads.ts";
import { methods, type Methods } from "../contract/index.ts";
import { createRouter, type Router } from "../router/router.ts";
import type { Handlers } from "../router/types.ts";
import { LlamaRuntime } from "../inference/llama-runtime.ts";
import { ModelHost } from "../inference/model-host.ts";
import { ModelLibrary } from "../models/library.ts";
import { ConversationStore } from "../store/conversation-store.ts";
import { SettingsStore } from "./settings-store.ts";
import { createSystemHandlers } from "./system-handlers.ts";
import { createModelHandlers } from "./model-handlers.ts";
import { createInferenceHandlers } from "./inference-handlers.ts";
import { createConversationHandlers } from "./conversation-handlers.ts";
import { createSettingsHandlers } from "./settings-handlers.ts";
import { createRagHandlers } from "./rag-handlers.ts";
import { createRagAskHandler } from "./rag-ask-handler.ts";
import { createRagEvalHandler } from "./rag-eval-handler.ts";
import { createModelEvalHandler } from "./model-eval-handler.ts";
import type { SearchFn } from "./chat-turns.ts";
import { createRagSourceHandlers } from "./rag-source-handlers.ts";
import { RagService } from "../rag/service.ts";
import { chatModelGenerate } from "../rag/retrieve/chat-rewriter.ts";
import { EmbeddingHost } from "../inference/embedding-host.ts";
import { createCompletionHandlers } from "./completion-handlers.ts";
import { findModelByName } from "./find-model.ts";
import { ApiServerService } from "../server/api-service.ts";
import { RemoteKeys } from "../inference/remote-keys.ts";
import { createRemoteResolver } from "../inference/remote-resolver.ts";
import { teamIndexFromEnv } from "../rag/index/object-store.ts";
import { createRemoteHandlers } from "./remote-handlers.ts";
import { createQuantLabHandlers } from "./quant-lab-handlers.ts";
import { PolicyService } from "../policy/policy-service.ts";
import { enforcePolicy, failClosedHandlers, policyResolver } from "../policy/enforce.ts";
import { openAuditLog } from "../audit/open.ts";
import type { AuditRecorder } from "../audit/audit-log.ts";
import { createGovernanceHandlers } from "./governance-handlers.ts";
import { createDataHandlers } from "./data-handlers.ts";
import { createCatalogHandlers } from "./catalog-handlers.ts";
import { ManagedCatalog } from "../catalog/managed-catalog.ts";
import { installNetworkGuard } from "../offline/network-guard.ts";
import { scheduleRetention } from "../store/retention.ts";

export interface EngineOptions {
  dataDir: string;
  gpu?: "auto" | false;
  /** Pin every load to this thread count (ENCLAVE_THREADS). */
  forcedThreads?: number;
  /** Refuse non-loopback connections of this process while offline (default true; one per process). */
  guardNetwork?: boolean;
  /** The managed policy; default: read from the machine's policy file (or ENCLAVE_POLICY). */
  policy?: PolicyService;
}

export interface Engine {
  router: Router;
  /** The managed policy, for hosts in this process (the API server asks `allowsApiServerBind`). */
  policy: PolicyService;
  /** Where hosts in this process write audit records (`audit.record(type, data)`). */
  audit: AuditRecorder;
  dispose(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const startedAt = Date.now();
  // Everything under the data folder is confidential: owner-only, including what older versions left.
  await mkdirPrivate(options.dataDir);
  await tightenTree(options.dataDir);
  const policy = options.policy ?? (await PolicyService.load());
  const runtime = new LlamaRuntime({ gpu: options.gpu ?? "auto" });
  if (policy.invalid) return failClosedEngine(options, policy, runtime, startedAt);
  const audit = openAuditLog(options.dataDir, policy);
  const settings = await SettingsStore.open(options.dataDir, {
    locked: policy.lockedSettings(),
    clamp: (s) => policy.clampSettings(s),
    check: (next) => policy.checkSettings(next),
  });
  const unguard =
    options.guardNetwork === false
      ? () => undefined
      : installNetworkGuard({ isOffline: () => settings.get().offline, onBlocked: (attempt) => audit.record("network.blocked", { ...attempt }) });
  const library = await ModelLibrary.open({ dataDir: options.dataDir, runtime, isOffline: () => settings.get().offline, downloadDir: () => settings.get().downloadDir });
  const store = ConversationStore.open(options.dataDir);
  const retentionDays = policy.retentionDays;
  const stopRetention =
    retentionDays === null
      ? () => undefined
      : scheduleRetention({
          store,
          days: retentionDays,
          onPurge: ({ deleted, before }) => audit.record("retention.purge", { days: retentionDays, before, deleted }),
          onError: (err) => audit.record("retention.failed", { error: err instanceof Error ? err.message : String(err) }),
        });
  const catalog = new ManagedCatalog(policy.catalogSource);
  // Every model file the engine loads — chat, embedding (RAG and /v1/embeddings) and reranker —
  // resolves through this one resolver, so the policy's allow-list holds for all of them.
  const resolver = policyResolver(library, policy, () => catalog.hashes());
  const host = new ModelHost({ runtime, resolver, settings: () => settings.get(), dataDir: options.dataDir, forcedThreads: options.forcedThreads });
  const embeddings = new EmbeddingHost({ runtime, host, find: async (ref) => resolver.resolve((await findModelByName(library, ref)).path) });
  const ragLibrary = { resolve: (ref: string) => resolver.resolve(ref), hash: (ref: string) => library.hash(ref) };
  const teamIndex = teamIndexFromEnv(process.env);
  const rag = await RagService.open({
    dataDir: options.dataDir,
    runtime,
    library: ragLibrary,
    settings: () => settings.get(),
    forcedThreads: options.forcedThreads,
    ...(teamIndex && { index: teamIndex }),
    rewriter: () => {
      const loaded = host.loadedModel;
      return loaded ? chatModelGenerate(loaded.model, { threads: options.forcedThreads ?? settings.get().threads ?? undefined }) : null;
    },
  });

  await sweepUnusedUploads(options.dataDir, rag);
  // The API server calls the router built below; it starts only once the app attaches it. The
  // policy decides which addresses it may listen on, and each request is audited (no prompt text).
  const built: { router?: Router } = {};
  const apiServer = new ApiServerService({
    router: () => built.router!,
    dataDir: options.dataDir,
    settings: () => settings.get().apiServer,
    onRequestLogged: (entry) => audit.record("api.request", { ...entry }),
    bindAllowed: (host) => policy.allowsApiServerBind(host),
  });
  const settingsHandlers = createSettingsHandlers({ settings });
  const search: SearchFn = ({ query, collection, k }, ctx) => rag.search(query, { k, collection, signal: ctx.signal });
  const remoteKeys = new RemoteKeys(options.dataDir);
  const remote = createRemoteResolver({ settings: () => settings.get(), keys: remoteKeys, allowed: () => policy.remoteBackendsAllowed });

  const features: Handlers<Methods> = {
    ...createSystemHandlers({ dataDir: options.dataDir, runtime, startedAt }),
    ...createModelHandlers({ library, measured: (entry) => host.measurements.get(entry) }),
    ...createInferenceHandlers({ host }),
    ...createConversationHandlers({ store, host, settings: () => settings.get(), search, answerPolicy: policy, remote }),
    ...settingsHandlers,
    "settings.update": async (patch, ctx) => {
      const result = await settingsHandlers["settings.update"](patch, ctx);
      await apiServer.apply(); // the Settings switch, address and options take effect at once
      return result;
    },
    "apiServer.attach": async ({ token }) => apiServer.attach(token),
    "apiServer.status": async () => apiServer.status(),
    ...createRagHandlers({ rag }),
    ...createRagSourceHandlers({ rag, settings: () => settings.get() }),
    ...createRagEvalHandler({ rag }),
    ...createModelEvalHandler({
      rag,
      host,
      settings: () => settings.get(),
      answerPolicy: policy,
      onLoaded: ({ model, contextSize }) => audit.record("model.load", { path: model.path, sha256: model.sha256, name: model.displayName, license: model.license, contextSize, via: "eval" }),
    }),
    ...createCompletionHandlers({ host, embeddings, settings: () => settings.get(), exists: (ref) => findModelByName(library, ref), remote }),
    ...createRemoteHandlers({ keys: remoteKeys, remote }),
    ...createQuantLabHandlers({ dataDir: options.dataDir, runtime, gpu: options.gpu ?? "auto", library, settings: () => settings.get(), forcedThreads: options.forcedThreads, passages: (collection, maxChars) => rag.samplePassages(collection, maxChars) }),
    ...createGovernanceHandlers({ policy, audit }),
    ...createCatalogHandlers({ catalog, library, audit }),
    ...createDataHandlers({ dataDir: options.dataDir, store, rag, audit, policy }),
    ...createRagAskHandler({ store, host, settings: () => settings.get(), answerPolicy: policy, search, remote }),
  };
  const router = (built.router = createRouter(methods, enforcePolicy(features, { policy, audit })));
  audit.record("engine.start", { pid: process.pid, policy: policy.status.state, policyPath: policy.status.path, offline: settings.get().offline });

  return {
    router,
    policy,
    audit,
    async dispose() {
      await apiServer.dispose();
      router.cancelAll("The engine is shutting down.");
      stopRetention();
      await rag.dispose();
      await embeddings.dispose();
      await host.dispose();
      await library.dispose();
      await store.close();
      await runtime.dispose();
      audit.record("engine.stop", { pid: process.pid });
      audit.close();
      unguard();
    },
  };
}

/** An invalid policy: only identity, liveness and the policy's own status answer; the rest refuse. */
function failClosedEngine(options: EngineOptions, policy: PolicyService, runtime: LlamaRuntime, startedAt: number): Engine {
  const open = { ...createSystemHandlers({ dataDir: options.dataDir, runtime, startedAt }), "policy.get": async () => policy.status };
  const router = createRouter(methods, failClosedHandlers(open, policy));
  process.stderr.write(`enclave: ${policy.status.error}\n`);
  return {
    router,
    policy,
    audit: { record: () => undefined },
    async dispose() {
      router.cancelAll("The engine is shutting down.");
      await runtime.dispose();
    },
  };
}
