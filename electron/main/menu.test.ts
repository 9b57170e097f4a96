import { test } from "node:test";
import assert from "node:assert/strict";
import type { MenuItemConstructorOptions } from "electron";
import { buildMenuTemplate } from "./menu.ts";

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [i.role ?? "", ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]).filter(Boolean);

test("standard menus; reload and DevTools only in development", () => {
  const prod = buildMenuTemplate({ platform: "linux", dev: false, openDataFolder: () => {} });
  const dev = buildMenuTemplate({ platform: "linux", dev: true, openDataFolder: () => {} });
  for (const role of ["quit", "editMenu", "windowMenu", "help", "zoomIn", "togglefullscreen"]) assert.ok(roles(prod).includes(role), role);
  for (const role of ["reload", "forceReload", "toggleDevTools"]) {
    assert.equal(roles(prod).includes(role), false, role);
    assert.ok(roles(dev).includes(role), role);
  }
});

test("macOS gets the app menu instead of File → Quit", () => {
  const mac = buildMenuTemplate({ platform: "darwin", dev: false, openDataFolder: () => {} });
  assert.equal(mac[0]!.role, "appMenu");
  assert.equal(roles(mac).includes("quit"), false);
});

test("Help → Open Data Folder calls back", () => {
  let opened = 0;
  const help = buildMenuTemplate({ platform: "win32", dev: false, openDataFolder: () => opened++ }).find((m) => m.role === "help")!;
  const item = (help.submenu as MenuItemConstructorOptions[])[0]!;
  assert.equal(item.label, "Open Data Folder");
  (item.click as () => void)();
  assert.equal(opened, 1);
});
