// The Activity view's state: the newest audit records, and the last verification of the chain.
import { create } from "zustand";
import type { AuditRecord, AuditVerification } from "../../../native/contract/audit.ts";
import { api } from "../../services/api.ts";

export interface ActivityState {
  enabled: boolean;
  records: AuditRecord[];
  verification: AuditVerification | null;
  verifying: boolean;
}

export const initialActivityState = (): ActivityState => ({ enabled: true, records: [], verification: null, verifying: false });

export const useActivityStore = create<ActivityState>(initialActivityState);

export async function loadActivity(limit = 200): Promise<void> {
  const { enabled, records } = await api().invoke("audit.list", { limit });
  useActivityStore.setState({ enabled, records });
}

export async function verifyActivity(): Promise<void> {
  useActivityStore.setState({ verifying: true });
  try {
    useActivityStore.setState({ verification: await api().invoke("audit.verify", {}) });
  } finally {
    useActivityStore.setState({ verifying: false });
  }
}

const LABELS: Record<string, string> = {
  "engine.start": "Engine started",
  "engine.stop": "Engine stopped",
  "model.load": "Model loaded",
  "model.download": "Model downloaded",
  ingest: "Documents added",
  question: "Question asked",
  "settings.change": "Settings changed",
  "conversation.delete": "Conversation deleted",
  "network.blocked": "Network connection blocked",
  "audit.export": "Audit log exported",
  "audit.torn-line": "Incomplete record found (crash mid-write)",
  "audit.chain-broken": "Audit log found altered",
};

/** A short human line for a record: its kind, then the most telling field. */
export function describeRecord(record: AuditRecord): { label: string; detail: string } {
  const label = LABELS[record.type] ?? record.type;
  const d = record.data;
  const text = (v: unknown) => (typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v));
  const detail =
    record.type === "question"
      ? text(d.text ?? (d.sha256 ? `SHA-256 ${text(d.sha256).slice(0, 16)}…` : ""))
      : record.type === "model.load"
        ? text(d.name ?? d.path)
        : record.type === "network.blocked"
          ? `${text(d.host)}${d.port ? `:${text(d.port)}` : ""}`
          : record.type === "settings.change"
            ? Object.keys((d.changed as Record<string, unknown> | undefined) ?? {}).join(", ")
            : record.type === "ingest"
              ? `${Array.isArray(d.files) ? d.files.length : 0} file(s) into ${text(d.collection)}`
              : "";
  return { label, detail };
}
