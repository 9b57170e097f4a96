// data.deleteAll: conversations, the document index (every collection), uploaded files and caches go;
// settings, model folders and downloaded models stay (they are not the user's content). The audit log
// is kept (with a record of the deletion) unless the policy lets users delete it, in which case a
// fresh log starts with that record.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { dataMethods } from "../contract/data.ts";
import type { Handlers } from "../router/types.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { PolicyService } from "../policy/policy-service.ts";
import type { ConversationStore } from "../store/conversation-store.ts";
import type { RagService } from "../rag/service.ts";

const CACHE_FILES = ["thread-probes.json", "memory-measurements.json", join("models", "sha256-cache.json")];

export function createDataHandlers(deps: { dataDir: string; store: ConversationStore; rag: RagService; audit: AuditLog; policy: PolicyService }): Handlers<typeof dataMethods> {
  const { dataDir, store, rag, audit, policy } = deps;
  return {
    "data.deleteAll": async () => {
      let conversations = 0;
      for (const { id } of store.list()) if (store.delete(id)) conversations++;
      // A team index is shared with others: deleting this user's data does not delete the team's documents.
      const names = rag.shared ? [] : (await rag.collections()).map((c) => c.name);
      for (const name of names) await rag.deleteCollection(name);
      await rm(join(dataDir, "uploads"), { recursive: true, force: true });
      for (const file of CACHE_FILES) await rm(join(dataDir, file), { force: true });
      const auditLog = policy.audit.userMayDelete && audit.enabled;
      if (auditLog) audit.reset();
      const result = { conversations, collections: names.length, uploads: true, caches: CACHE_FILES.length, auditLog };
      audit.record("data.deleteAll", result);
      return result;
    },
  };
}
