// The one place every engine feature asks what the managed policy allows. Each rule is a small
// method (as Firefox keeps one function per policy); features never read the policy document.
import { isIP } from "node:net";
import { createHash } from "node:crypto";
import { EngineError } from "../contract/errors.ts";
import type { Policy, PolicyStatus } from "../contract/policy.ts";
import type { Settings } from "../contract/settings.ts";
import { loadPolicy } from "./load.ts";
import { policyPath } from "./locate.ts";

export interface AuditPolicy {
  enabled: boolean;
  folder: string | null;
  questions: "text" | "hash";
  userMayDelete: boolean;
}

export class PolicyService {
  readonly status: PolicyStatus;
  readonly #policy: Policy;

  constructor(status: PolicyStatus) {
    this.status = status;
    this.#policy = status.policy ?? {};
  }

  static async load(path: string = policyPath()): Promise<PolicyService> {
    return new PolicyService(await loadPolicy(path));
  }

  /** No policy at all (for tests and tools that run without one). */
  static none(): PolicyService {
    return new PolicyService({ state: "none", path: "", policy: null, error: null });
  }

  get invalid(): boolean {
    return this.status.state === "invalid";
  }

  /** Throws POLICY_INVALID when the policy file is broken: the engine fails closed. */
  assertValid(): void {
    if (this.invalid) throw new EngineError("POLICY_INVALID", this.status.error ?? "The managed policy is invalid.", { path: this.status.path });
  }

  // ---- settings --------------------------------------------------------------------------------

  /** Settings the policy fixes; the settings store shows them as locked and refuses changes. */
  lockedSettings(): Partial<Settings> {
    return this.#policy.forceOffline ? { offline: true } : {};
  }

  /** Refuses settings that break a bound the policy sets (not a lock: the user may go lower). */
  checkSettings(next: Settings): void {
    this.assertContextSize(next.contextSize);
  }

  /** Brings stored settings within the policy's bounds (a value saved before the policy came). */
  clampSettings(settings: Settings): Settings {
    const max = this.#policy.maxContext;
    return max !== undefined && settings.contextSize > max ? { ...settings, contextSize: max } : settings;
  }

  // ---- network -----------------------------------------------------------------------------------

  get forcedOffline(): boolean {
    return this.#policy.forceOffline === true;
  }

  assertDownloadsAllowed(): void {
    if (this.#policy.downloads === false) throw denied("Model downloads are turned off by your organisation's policy.", "downloads");
  }

  /** Whether the API server may listen on `host` ("localhost", an IP, or a name). */
  allowsApiServerBind(host: string): boolean {
    const rule = this.#policy.apiServer;
    if (rule === undefined) return true;
    if (rule === "off") return false;
    if (rule === "loopback") return isLoopbackHost(host);
    return isLoopbackHost(host) || rule.allowedHosts.includes(host);
  }

  /** Whether remote inference backends may be configured. */
  get remoteBackendsAllowed(): boolean {
    return this.#policy.remoteBackends !== false;
  }

  get updateServer(): string | null {
    return this.#policy.updateServer ?? null;
  }

  // ---- models --------------------------------------------------------------------------------

  /** True when only listed models may load, so every load must be hashed and checked first. */
  get restrictsModels(): boolean {
    return this.#policy.models?.allowUserModels === false;
  }

  get allowedModelHashes(): ReadonlySet<string> {
    return new Set((this.#policy.models?.allowed ?? []).map((m) => m.sha256.toLowerCase()));
  }

  get catalogSource(): string | null {
    return this.#policy.models?.catalog ?? null;
  }

  /** Throws POLICY_DENIED for a model whose file hash is not allowed (`extra`: e.g. the catalog's). */
  assertModelAllowed(sha256: string, path: string, extra: ReadonlySet<string> = new Set()): void {
    if (!this.restrictsModels) return;
    const hash = sha256.toLowerCase();
    if (this.allowedModelHashes.has(hash) || extra.has(hash)) return;
    throw denied(`${path} is not one of the models your organisation allows (SHA-256 ${hash}).`, "models.allowUserModels", { sha256: hash });
  }

  assertContextSize(contextSize: number | undefined): void {
    const max = this.#policy.maxContext;
    if (max !== undefined && contextSize !== undefined && contextSize > max) {
      throw denied(`A context of ${contextSize} tokens is above the ${max} your organisation's policy allows.`, "maxContext", { max });
    }
  }

  get maxContext(): number | null {
    return this.#policy.maxContext ?? null;
  }

  // ---- answers -------------------------------------------------------------------------------

  /** The system prompt a model is given: the mandatory one first, then the conversation's own. */
  systemPrompt(own: string): string {
    const mandatory = this.#policy.systemPrompt;
    if (!mandatory) return own;
    return own.trim() ? `${mandatory}\n\n${own}` : mandatory;
  }

  /** The first blocked term that `text` contains (case-insensitive), or null. */
  blockedTermIn(text: string): string | null {
    const terms = this.#policy.blockedTerms;
    if (!terms?.length) return null;
    const lower = text.toLowerCase();
    return terms.find((term) => lower.includes(term.toLowerCase())) ?? null;
  }

  // ---- data and audit --------------------------------------------------------------------------

  get retentionDays(): number | null {
    return this.#policy.retentionDays ?? null;
  }

  get audit(): AuditPolicy {
    const a = this.#policy.audit ?? {};
    return { enabled: a.enabled ?? true, folder: a.folder ?? null, questions: a.questions ?? "text", userMayDelete: a.userMayDelete ?? false };
  }

  /** How a question is written to the audit log: its text, or only its SHA-256. */
  auditedQuestion(text: string): { text: string } | { sha256: string } {
    return this.audit.questions === "hash" ? { sha256: createHash("sha256").update(text).digest("hex") } : { text };
  }
}

function denied(message: string, key: string, details: Record<string, unknown> = {}): EngineError {
  return new EngineError("POLICY_DENIED", message, { policyKey: key, ...details });
}

/** localhost, 127.0.0.0/8, ::1 (and the IPv4-mapped form). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}
