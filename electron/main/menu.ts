// The application menu: standard roles only (their shortcuts come with them), reload and DevTools
// in development builds, and Help → the data folder. App shortcuts (new chat, search…) live in the
// renderer, so the browser-hosted app has them too.
import type { MenuItemConstructorOptions } from "electron";

export interface MenuInput {
  platform: NodeJS.Platform;
  dev: boolean;
  openDataFolder: () => void;
}

export function buildMenuTemplate({ platform, dev, openDataFolder }: MenuInput): MenuItemConstructorOptions[] {
  const mac = platform === "darwin";
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: "appMenu" });
  else template.push({ label: "&File", submenu: [{ role: "quit" }] });
  template.push({ role: "editMenu" });
  template.push({
    label: "&View",
    submenu: [
      ...(dev ? ([{ role: "reload" }, { role: "forceReload" }, { role: "toggleDevTools" }, { type: "separator" }] as const) : []),
      { role: "resetZoom" },
      { role: "zoomIn" },
      { role: "zoomOut" },
      { type: "separator" },
      { role: "togglefullscreen" },
    ],
  });
  template.push({ role: "windowMenu" });
  template.push({
    role: "help",
    submenu: [{ label: "Open Data Folder", click: openDataFolder }],
  });
  return template;
}
