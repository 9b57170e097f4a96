// What `import … from "electron"` gives the main process in tests: the fake the test installed on
// globalThis (state.ts) before importing electron/main/index.ts. Plain JavaScript: a module reached
// through a custom resolve hook is loaded without tsx's TypeScript transform.
const fake = globalThis.__fakeElectron;
if (!fake) throw new Error("install a fake Electron (fake-electron/state.ts) before importing the main process");

export const { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, utilityProcess } = fake;
export default fake;
