// Light, dark or follow the system. The choice lives in localStorage (a display preference, not an
// engine setting) and is applied as `data-theme` on <html>, which the CSS variables key on.
import { create } from "zustand";

export type ThemeChoice = "light" | "dark" | "system";
const KEY = "enclave.theme";

function stored(): ThemeChoice {
  const value = globalThis.localStorage?.getItem(KEY);
  return value === "light" || value === "dark" ? value : "system";
}

export const useThemeStore = create<{ theme: ThemeChoice }>(() => ({ theme: stored() }));

export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): "light" | "dark" {
  return choice === "system" ? (prefersDark ? "dark" : "light") : choice;
}

export function setTheme(theme: ThemeChoice): void {
  globalThis.localStorage?.setItem(KEY, theme);
  useThemeStore.setState({ theme });
  applyTheme();
}

export function applyTheme(): void {
  const dark = globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  document.documentElement.dataset.theme = resolveTheme(useThemeStore.getState().theme, dark);
}

/** Follows the system while the choice is "system". Returns an unsubscribe. */
export function watchSystemTheme(): () => void {
  const query = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
  if (!query) return () => {};
  query.addEventListener("change", applyTheme);
  return () => query.removeEventListener("change", applyTheme);
}
