// The preload: exposes exactly one object, `window.enclave`, implementing EnclaveApi over IPC. It runs
// sandboxed (no Node modules), so it is bundled into one CommonJS file by electron/build/build.mjs.
import { contextBridge, ipcRenderer, webUtils } from "electron";
import { BRIDGE_CHANNEL } from "../../native/contract/api.ts";
import { createApiClient } from "./api-client.ts";

const api = createApiClient({
  channel: {
    send: (message) => ipcRenderer.send(BRIDGE_CHANNEL.toHost, message),
    onMessage: (listener) => ipcRenderer.on(BRIDGE_CHANNEL.toFront, (_event, message: unknown) => listener(message)),
  },
  getPathForFile: (file) => webUtils.getPathForFile(file),
});

// Spelled out so that only these four functions cross, whatever the client object carries.
contextBridge.exposeInMainWorld("enclave", {
  invoke: api.invoke,
  on: api.on,
  cancel: api.cancel,
  resolveFiles: api.resolveFiles,
});
