// Handlers for user settings.
import type { settingsMethods } from "../contract/settings.ts";
import type { Handlers } from "../router/types.ts";
import type { SettingsStore } from "./settings-store.ts";

export function createSettingsHandlers(deps: { settings: SettingsStore }): Handlers<typeof settingsMethods> {
  const { settings } = deps;
  return {
    "settings.get": async () => ({ settings: settings.get(), locked: settings.locked }),
    "settings.update": async (patch) => ({ settings: await settings.update(patch), locked: settings.locked }),
  };
}
