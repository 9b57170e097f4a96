// Engine settings (validated against the contract's schema before they are sent, so mistakes show
// next to the field) and the engine's identity for the "data folder" line.
import { create } from "zustand";
import { Settings } from "../../../native/contract/settings.ts";
import type { EngineInfo } from "../../../native/contract/system.ts";
import { api } from "../../services/api.ts";
import { errorCode, errorMessage } from "../errors.ts";

export interface SettingsState {
  settings: Settings | null;
  locked: string[];
  info: EngineInfo | null;
  /** Inline errors keyed by the setting's name ("sampling.temperature" for nested ones). */
  errors: Record<string, string>;
  saving: boolean;
}

export const initialSettingsState = (): SettingsState => ({ settings: null, locked: [], info: null, errors: {}, saving: false });

export const useSettingsStore = create<SettingsState>(initialSettingsState);

export async function loadSettings(): Promise<void> {
  const [out, info] = await Promise.all([api().invoke("settings.get", {}), api().invoke("engine.info", {})]);
  useSettingsStore.setState({ settings: out.settings, locked: out.locked, info });
}

type Issue = { path: PropertyKey[]; message: string };

function issuesToErrors(issues: readonly Issue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join(".") || "form"] ??= issue.message;
  return errors;
}

/**
 * Saves a change. Returns false (with inline errors set) when the value is invalid or the engine
 * refused it; other failures are thrown for the shell to show.
 */
export async function saveSettings(patch: Partial<Settings>): Promise<boolean> {
  const checked = Settings.partial().safeParse(patch);
  if (!checked.success) {
    useSettingsStore.setState({ errors: issuesToErrors(checked.error.issues) });
    return false;
  }
  useSettingsStore.setState({ saving: true });
  try {
    const out = await api().invoke("settings.update", checked.data);
    useSettingsStore.setState({ settings: out.settings, locked: out.locked, errors: {} });
    return true;
  } catch (err) {
    if (errorCode(err) === "POLICY_DENIED") {
      // Shown under the field the policy governs (e.g. a context size above the allowed maximum).
      useSettingsStore.setState({ errors: { [Object.keys(checked.data)[0] ?? "form"]: errorMessage(err) } });
      return false;
    }
    if (errorCode(err) !== "INVALID_INPUT") throw err;
    const details = (err as { details?: { issues?: Issue[] } }).details;
    useSettingsStore.setState({ errors: details?.issues ? issuesToErrors(details.issues) : { form: errorMessage(err) } });
    return false;
  } finally {
    useSettingsStore.setState({ saving: false });
  }
}

export function clearError(key: string): void {
  useSettingsStore.setState((s) => {
    const { [key]: _dropped, ...rest } = s.errors;
    return { errors: rest };
  });
}
